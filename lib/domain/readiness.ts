// THE answer to "may this CR deploy now, and if not, why". The CR page's deploy button, the deploy
// service and the CI readiness API all call evaluateReadiness, so none can be more lenient than the
// others. It recomputes approvals from the vote records instead of trusting the CR's state alone,
// and it lists everything missing at once so people can fix it in one pass.
import { DateTime } from "luxon";
import { tallyApprovals, type ApprovalRecord } from "./approval-tally";
import { windowStatus } from "./deploy-window";
import { verbalApprovalTimeProblem } from "./verbal-approval";
import type { Policy } from "./policy";
import { CR_STATE_LABELS, GATE_LABELS, RISK_LABELS, type CrState, type GateKind, type RiskLevel } from "./vocabulary";

export interface ReadinessCr {
  id: string;
  state: CrState;
  risk: RiskLevel;
  requesterId: string;
  approvalRound: number;
  emergency: boolean;
  targetVersion: string;
  /** The target's CodeSha256 pinned at submission; gate results count only for this code. */
  targetCodeSha256?: string | null;
  /** A flag change (not a code deploy): no test gates apply; the flag's SSM version is its pin. */
  flagId?: string | null;
  flagBaseVersion?: number | null;
  onCallUserId: string | null;
  onCallConfirmedAt: Date | null;
  /** The planned window: deploying outside it is allowed but warned about. */
  windowStart?: Date | null;
  windowDurationMin?: number | null;
  windowTimeZone?: string | null;
}

export interface GateResultRecord {
  gate: GateKind;
  version: string;
  passed: boolean;
  value: number | null;
  createdAt: Date;
  /** The person who entered it by hand; null when CI reported it with a token. */
  reportedById?: string | null;
  /** The code it is about (the CR's pin when recorded). */
  codeSha256?: string | null;
}

export interface IncidentRecord {
  id: string;
  severity: string;
  title?: string;
  /** A verbal approval given before the incident was declared is not an approval of this emergency. */
  declaredAt?: Date | null;
  resolvedAt: Date | null;
}

export interface FreezeWindowRecord {
  name: string;
  startsAt: Date;
  endsAt: Date;
}

/** A deployment currently running on the CR's target alias — or, for a code change, a flag rollout on its service (the same metric gates watch both). */
export interface ActiveDeployment {
  id: string;
  crId: string | null;
  kind?: string;
}

export interface ReadinessInput {
  cr: ReadinessCr;
  approvals: readonly ApprovalRecord[];
  gateResults: readonly GateResultRecord[];
  policy: Policy;
  incident: IncidentRecord | null;
  freezeWindows: readonly FreezeWindowRecord[];
  now: Date;
  deployment?: ActiveDeployment | null;
}

export type ReadinessCode =
  | "STATE"
  | "APPROVAL_CAB"
  | "APPROVAL_CTO"
  | "APPROVAL_AUTOMATED"
  | "REJECTED"
  | "CHANGES_REQUESTED"
  | "VERBAL_APPROVAL"
  | "INCIDENT"
  | "GATE_MISSING"
  | "GATE_STALE"
  | "GATE_FAILED"
  | "WINDOW"
  | "ON_CALL"
  | "FREEZE"
  | "DEPLOYMENT_ACTIVE"
  | "PLANNED_WINDOW"
  | "CODE_PIN";

export interface ReadinessItem {
  code: ReadinessCode;
  message: string;
  gate?: GateKind;
}

export type Readiness =
  | { ready: true; warnings: ReadinessItem[] }
  | { ready: false; missing: ReadinessItem[]; warnings: ReadinessItem[] };

const DEPLOYABLE: readonly CrState[] = ["APPROVED", "SCHEDULED"];
// An emergency change deploys on the manager's word; the state machine may not have caught up yet.
const EMERGENCY_DEPLOYABLE: readonly CrState[] = ["SUBMITTED", "APPROVED", "SCHEDULED"];
// A change past its deployment (or abandoned) will not deploy again as it is: what else it would
// lack (a window, a gate, on-call) is noise beside that, e.g. "outside the planned window" on a
// change deployed weeks ago.
const DONE: readonly CrState[] = ["DEPLOYED", "CLOSED", "CANCELLED"];
const EMERGENCY_SEVERITIES = ["SEV1", "SEV2"];

/** "Full test suite" → "full test suite", but "SAST scan" stays. */
export const gateName = (g: GateKind) => {
  const l = GATE_LABELS[g];
  return /^[A-Z][a-z]/.test(l) ? l[0]!.toLowerCase() + l.slice(1) : l;
};

/** Whether one result passes the policy's bar for its gate, and if not, why in numbers. */
export function gateVerdict(result: Pick<GateResultRecord, "gate" | "passed" | "value">, policy: Policy): { passed: boolean; message: string | null } {
  const { gate, value } = result;
  const name = gateName(gate);
  const fail = (message: string) => ({ passed: false, message });
  const t = policy.gates;
  if (gate === "COVERAGE" || gate === "LOAD_TEST" || gate === "DEPENDENCY_AUDIT") {
    if (value === null || !Number.isFinite(value)) return fail(`${name} reported no value`);
    if (gate === "COVERAGE" && value < t.coverageMinPct) return fail(`${name} ${value} % < ${t.coverageMinPct} %`);
    if (gate === "LOAD_TEST" && value > t.loadTestP95MaxMs) return fail(`${name} p95 ${value} ms > ${t.loadTestP95MaxMs} ms`);
    if (gate === "DEPENDENCY_AUDIT" && value > t.dependencyAudit.maxFindings) {
      const allowed = t.dependencyAudit.maxFindings;
      return fail(`${name} found ${value} ${t.dependencyAudit.minSeverity}-or-worse vulnerabilit${value === 1 ? "y" : "ies"} (${allowed} allowed)`);
    }
  }
  // A measured value inside the bar does not overrule CI saying the run itself failed.
  return result.passed ? { passed: true, message: null } : fail(`${name} failed`);
}

/** Refuses a reported value that cannot be a measurement of that gate (API and manual entry). */
export function gateValueError(gate: GateKind, value: number | null | undefined): string | null {
  const name = GATE_LABELS[gate];
  if (value === null || value === undefined) {
    return gate === "COVERAGE" || gate === "LOAD_TEST" || gate === "DEPENDENCY_AUDIT" ? `${name} needs a value` : null;
  }
  if (!Number.isFinite(value)) return `${name} value must be a number`;
  if (gate === "COVERAGE" && (value < 0 || value > 100)) return `${name} must be between 0 and 100 %`;
  if (gate === "LOAD_TEST" && (value < 0 || value > 3_600_000)) return `${name} p95 must be between 0 and 3600000 ms`;
  if (gate === "DEPENDENCY_AUDIT" && (!Number.isInteger(value) || value < 0)) {
    return `${name} value is a number of findings: a whole number of at least 0`;
  }
  return null;
}

/**
 * The results that may speak for this change: for its pinned code, and (unless the policy lets the
 * requester's own entries count for this risk) reported by CI or by someone other than the requester.
 */
export function countableGateResults(input: Pick<ReadinessInput, "cr" | "gateResults" | "policy">): { counted: GateResultRecord[]; selfReported: GateResultRecord[] } {
  const { cr, policy } = input;
  const self = !policy.rules[cr.risk].selfReportedGates;
  const counted: GateResultRecord[] = [];
  const selfReported: GateResultRecord[] = [];
  for (const r of input.gateResults) {
    if (cr.targetCodeSha256 && r.version === cr.targetVersion && r.codeSha256 !== cr.targetCodeSha256) continue;
    if (self && r.reportedById && r.reportedById === cr.requesterId) selfReported.push(r);
    else counted.push(r);
  }
  return { counted, selfReported };
}

function gateItems(input: ReadinessInput, gates: readonly GateKind[]): ReadinessItem[] {
  const { cr, policy } = input;
  const { counted, selfReported } = countableGateResults(input);
  const items: ReadinessItem[] = [];
  for (const gate of gates) {
    const name = gateName(gate);
    const forGate = counted.filter((r) => r.gate === gate);
    let latest: GateResultRecord | undefined;
    for (const r of forGate) if (r.version === cr.targetVersion && (!latest || r.createdAt >= latest.createdAt)) latest = r;
    if (!latest) {
      const other = forGate.reduce<GateResultRecord | undefined>((a, r) => (!a || r.createdAt >= a.createdAt ? r : a), undefined);
      const own = selfReported.some((r) => r.gate === gate && r.version === cr.targetVersion);
      items.push(
        other
          ? { code: "GATE_STALE", gate, message: `${name} result is for version ${other.version}, not ${cr.targetVersion} (stale)` }
          : own
            ? { code: "GATE_MISSING", gate, message: `${name}: only the requester's own entry; ${RISK_LABELS[cr.risk]}-risk changes need results from CI or from someone else` }
            : { code: "GATE_MISSING", gate, message: `${name} not reported for version ${cr.targetVersion}` },
      );
      continue;
    }
    const verdict = gateVerdict(latest, policy);
    if (!verdict.passed) items.push({ code: "GATE_FAILED", gate, message: verdict.message ?? `${name} failed` });
  }
  return items;
}

/** What the on-call rule still needs (My work asks it too, to list confirmations awaiting the on-call engineer). */
export function onCallItems(input: Pick<ReadinessInput, "cr" | "policy" | "now">): ReadinessItem[] {
  const { cr, policy, now } = input;
  const rule = policy.rules[cr.risk].onCall;
  if (rule === "NONE") return [];
  if (!cr.onCallUserId) return [{ code: "ON_CALL", message: "no on-call engineer named" }];
  if (rule === "AVAILABLE") return [];
  if (!cr.onCallConfirmedAt) return [{ code: "ON_CALL", message: "on-call engineer not confirmed present" }];
  const hours = policy.onCall.confirmationValidHours;
  if (now.getTime() - cr.onCallConfirmedAt.getTime() > hours * 3_600_000) {
    return [{ code: "ON_CALL", message: `on-call engineer's confirmation is older than ${hours} h; confirm presence again` }];
  }
  return [];
}

function freezeItems(input: ReadinessInput): ReadinessItem[] {
  const t = input.now.getTime();
  return input.freezeWindows
    .filter((f) => f.startsAt.getTime() <= t && t < f.endsAt.getTime())
    .map((f) => {
      const until = DateTime.fromJSDate(f.endsAt, { zone: input.policy.timeZone }).toFormat("d LLL HH:mm");
      return { code: "FREEZE" as const, message: `inside freeze window '${f.name}' until ${until}` };
    });
}

function stateItem(cr: ReadinessCr): ReadinessItem | null {
  const allowed = cr.emergency ? EMERGENCY_DEPLOYABLE : DEPLOYABLE;
  if (allowed.includes(cr.state)) return null;
  const label = CR_STATE_LABELS[cr.state];
  const message =
    cr.state === "DRAFT"
      ? "change is a draft; submit it for approval"
      : cr.state === "SUBMITTED"
        ? "change is awaiting approval"
        : ["REJECTED", "FAILED", "ROLLED_BACK"].includes(cr.state)
          ? `change is ${label}; reopen it for rework and submit it again to deploy`
          : `change is ${label}; only Approved or Scheduled changes deploy`;
  return { code: "STATE", message };
}

function approvalItems(input: ReadinessInput): ReadinessItem[] {
  const { cr, policy } = input;
  const tally = tallyApprovals(cr, input.approvals, policy);
  const items: ReadinessItem[] = [];
  if (cr.emergency) {
    const declared = input.incident?.declaredAt;
    if (!tally.verbalEmergency) {
      items.push({ code: "VERBAL_APPROVAL", message: "needs the engineering manager's recorded verbal approval" });
    } else if (verbalApprovalTimeProblem(tally.verbalEmergency.createdAt, declared, input.now) === "BEFORE_INCIDENT") {
      items.push({ code: "VERBAL_APPROVAL", message: "the recorded verbal approval predates the incident; record the manager's approval for this incident" });
    }
    return items;
  }
  const rule = policy.rules[cr.risk];
  if (tally.cto.rejected) items.push({ code: "REJECTED", message: "rejected by the CTO" });
  else if (tally.outcome === "REJECTED") items.push({ code: "REJECTED", message: "rejected by the CAB" });
  if (tally.changesRequested.length > 0) {
    const who = tally.changesRequested.map((v) => v.userName ?? "a CAB member").join(", ");
    items.push({ code: "CHANGES_REQUESTED", message: `changes requested by ${who}` });
  }
  if (rule.approvals.includes("CAB") && !tally.cab.met) {
    items.push({ code: "APPROVAL_CAB", message: tally.cab.shortfall ?? "needs CAB approval" });
  }
  if (rule.approvals.includes("CTO") && !tally.cto.approved && !tally.cto.rejected) {
    items.push({ code: "APPROVAL_CTO", message: "needs CTO approval" });
  }
  if (rule.approvals.includes("AUTOMATED") && !tally.automated) {
    items.push({ code: "APPROVAL_AUTOMATED", message: "needs automated approval from CI/CD (once its gates pass)" });
  }
  return items;
}

function incidentItems(input: ReadinessInput): ReadinessItem[] {
  const { incident, now } = input;
  if (!incident) return [{ code: "INCIDENT", message: "no incident declared for this emergency change" }];
  const title = incident.title ? ` '${incident.title}'` : "";
  if (!EMERGENCY_SEVERITIES.includes(incident.severity)) {
    return [{ code: "INCIDENT", message: `incident${title} is not SEV-1 or SEV-2` }];
  }
  if (incident.resolvedAt && incident.resolvedAt.getTime() <= now.getTime()) {
    return [{ code: "INCIDENT", message: `incident${title} is resolved; emergency changes need an open incident` }];
  }
  return [];
}

function plannedWindowWarning(input: ReadinessInput): ReadinessItem | null {
  const { cr, now } = input;
  if (!cr.windowStart || !cr.windowDurationMin) return null;
  const start = cr.windowStart.getTime();
  const end = start + cr.windowDurationMin * 60_000;
  if (now.getTime() >= start && now.getTime() < end) return null;
  const zone = cr.windowTimeZone ?? input.policy.timeZone;
  const s = DateTime.fromMillis(start, { zone });
  const e = DateTime.fromMillis(end, { zone });
  const text = `${s.toFormat("ccc d LLL HH:mm")}–${e.toFormat("HH:mm")} ${zone}`;
  return { code: "PLANNED_WINDOW", message: `outside the planned deployment window (${text})` };
}

export function evaluateReadiness(input: ReadinessInput): Readiness {
  const { cr, policy, now } = input;
  const rule = policy.rules[cr.risk];
  const missing: ReadinessItem[] = [];
  const warnings: ReadinessItem[] = [];

  const state = stateItem(cr);
  if (state && DONE.includes(cr.state)) return { ready: false, missing: [state], warnings };
  if (state) missing.push(state);
  // Submission pins the code (a flag change: the flag's parameter version); a change past submission
  // without a pin was filed before pinning existed.
  if (cr.flagId) {
    if (cr.state !== "DRAFT" && cr.flagBaseVersion === null) missing.push({ code: "CODE_PIN", message: "the flag's state was never pinned; resubmit the change" });
  } else if (cr.state !== "DRAFT" && cr.targetCodeSha256 === null) {
    missing.push({ code: "CODE_PIN", message: `the code of version ${cr.targetVersion} is not pinned; edit and resubmit the change so approvals and gates cover known code` });
  }
  missing.push(...approvalItems(input));
  if (input.deployment) {
    const own = input.deployment.crId === cr.id;
    missing.push({
      code: "DEPLOYMENT_ACTIVE",
      message: own
        ? "this change is already deploying"
        : input.deployment.kind === "FLAG_ROLLOUT"
          ? "a flag rollout is running on this service (its gates watch the same alias); wait for it to finish or abort it"
          : "another deployment is running on this alias",
    });
  }

  if (cr.emergency) {
    // The seed's emergency path: an open SEV-1/2 and the manager's word, then deploy at once.
    // Gates, on-call and freezes still show, as warnings, so the risk taken is visible.
    missing.push(...incidentItems(input));
    warnings.push(...gateItems(input, cr.flagId ? [] : rule.gates), ...onCallItems(input));
    warnings.push(...freezeItems(input).map((f) => ({ ...f, message: `${f.message} (emergency change allowed)` })));
  } else {
    // Test gates are about code; a flag change ships none (the code behind the flag passed them when it deployed).
    missing.push(...gateItems(input, cr.flagId ? [] : rule.gates));
    const window = windowStatus(policy, cr.risk, now);
    if (!window.open && window.message) missing.push({ code: "WINDOW", message: window.message });
    missing.push(...onCallItems(input), ...freezeItems(input));
    const planned = plannedWindowWarning(input);
    if (planned) warnings.push(planned);
  }

  return missing.length === 0 ? { ready: true, warnings } : { ready: false, missing, warnings };
}
