// The approval matrix for one CR's risk, as a checklist that fills in: one row per approval, gate,
// window and on-call rule of the pinned policy, each ticked or explained. Built from the same
// evaluateReadiness result the deploy path uses, so the checklist cannot disagree with it.
import type { ApprovalTally } from "./approval-tally";
import { describeWindow } from "./deploy-window";
import { APPROVER_LABELS, CAB_SEAT_LABELS, type Policy } from "./policy";
import { gateName, type Readiness, type ReadinessItem } from "./readiness";
import type { RiskLevel } from "./vocabulary";

export interface ChecklistRow {
  group: "Approvals" | "Incident" | "Tests" | "Window" | "On-call";
  label: string;
  done: boolean;
  /** What is missing (from readiness), or who/what satisfied it. */
  detail: string | null;
}

const ON_CALL_LABEL = { NONE: null, AVAILABLE: "On-call engineer available", PRESENT: "On-call engineer present" } as const;

/**
 * An emergency change follows the seed's emergency path instead of the matrix: an open SEV-1/2 and the
 * engineering manager's verbal approval let it deploy at once; gates and on-call are advisory; the CAB
 * approves it retrospectively. The rows say that, so the page does not show the matrix's unmet
 * approvals beside "Ready".
 */
function emergencyChecklist(risk: RiskLevel, policy: Policy, tally: ApprovalTally, readiness: Readiness): ChecklistRow[] {
  const missing: ReadinessItem[] = readiness.ready ? [] : readiness.missing;
  const advisory = (pred: (i: ReadinessItem) => boolean) => readiness.warnings.find(pred)?.message ?? null;
  const incident = missing.find((i) => i.code === "INCIDENT")?.message ?? null;
  const verbal = tally.verbalEmergency;
  const retro = tally.retrospective.outcome;
  const rows: ChecklistRow[] = [
    { group: "Incident", label: "Open SEV-1 or SEV-2 incident", done: !incident, detail: incident },
    {
      group: "Approvals",
      label: "Engineering manager's verbal approval",
      done: !!verbal,
      detail: verbal ? (verbal.userName ?? "engineering manager") : "needs the engineering manager's recorded verbal approval",
    },
    {
      group: "Approvals",
      label: "CAB retrospective approval (after the deploy)",
      done: retro === "APPROVED",
      detail: retro === "APPROVED" ? "approved by the CAB" : retro === "REJECTED" ? "rejected by the CAB" : "due at the next CAB meeting; does not hold the deploy",
    },
  ];
  for (const gate of policy.rules[risk].gates) {
    const name = gateName(gate);
    const problem = advisory((i) => i.gate === gate);
    rows.push({ group: "Tests", label: `${name[0]!.toUpperCase()}${name.slice(1)} (advisory)`, done: !problem, detail: problem });
  }
  const onCallLabel = ON_CALL_LABEL[policy.rules[risk].onCall];
  if (onCallLabel) {
    const onCall = advisory((i) => i.code === "ON_CALL");
    rows.push({ group: "On-call", label: `${onCallLabel} (advisory)`, done: !onCall, detail: onCall });
  }
  return rows;
}

export function readinessChecklist(risk: RiskLevel, policy: Policy, tally: ApprovalTally, readiness: Readiness, emergency = false): ChecklistRow[] {
  if (emergency) return emergencyChecklist(risk, policy, tally, readiness);
  const rule = policy.rules[risk];
  const missing: ReadinessItem[] = readiness.ready ? [] : readiness.missing;
  const first = (pred: (i: ReadinessItem) => boolean) => missing.find(pred)?.message ?? null;
  const rows: ChecklistRow[] = [];
  for (const approver of rule.approvals) {
    if (approver === "CAB") {
      const who = tally.cab.approvers.map((v) => `${v.userName ?? "member"}${v.seat ? ` (${CAB_SEAT_LABELS[v.seat]})` : ""}`).join(", ");
      rows.push({
        group: "Approvals",
        label: `CAB approval (${policy.cab.quorum} members, ${policy.cab.distinctSeats} different seats)`,
        done: tally.cab.met,
        detail: tally.cab.met ? who : (tally.cab.shortfall ?? "needs CAB approval"),
      });
    } else if (approver === "CTO") {
      rows.push({
        group: "Approvals",
        label: "CTO approval",
        done: tally.cto.approved,
        detail: tally.cto.rejected ? "rejected by the CTO" : tally.cto.approved ? (tally.cto.by?.userName ?? "CTO") : "needs CTO approval",
      });
    } else {
      rows.push({ group: "Approvals", label: APPROVER_LABELS.AUTOMATED, done: !!tally.automated, detail: tally.automated ? null : "approved automatically once its gates pass" });
    }
  }
  for (const gate of rule.gates) {
    const problem = first((i) => i.gate === gate);
    const name = gateName(gate);
    rows.push({ group: "Tests", label: name[0]!.toUpperCase() + name.slice(1), done: !problem, detail: problem });
  }
  const window = first((i) => i.code === "WINDOW");
  rows.push({ group: "Window", label: `Deploy ${describeWindow(policy, rule.window)}`, done: !window, detail: window });
  const onCallLabel = ON_CALL_LABEL[rule.onCall];
  if (onCallLabel) {
    const onCall = first((i) => i.code === "ON_CALL");
    rows.push({ group: "On-call", label: onCallLabel, done: !onCall, detail: onCall });
  }
  return rows;
}
