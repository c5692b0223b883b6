// What awaits one person, decided by the same rules the services apply when they act: canVote (who
// may cast which vote now), tallyApprovals (what the votes add up to), onCallItems (what the on-call
// rule still needs) and retrospectiveStatus (when the CAB's decision is due). A change is listed
// here exactly when the service would accept the person's action on it.
import { canVote, tallyApprovals, type ApprovalRecord, type ApprovalTally, type VotableCr } from "./approval-tally";
import { retrospectiveStatus } from "./cab-agenda";
import type { Policy } from "./policy";
import { onCallItems } from "./readiness";
import type { CrState, DeploymentKind, RiskLevel, Role } from "./vocabulary";

export interface WorkCr extends VotableCr {
  id: string;
  number: string;
  summary: string;
  state: CrState;
  risk: RiskLevel;
  retroStatus: string | null;
  onCallUserId: string | null;
  onCallConfirmedAt: Date | null;
  createdAt: Date;
  submittedAt: Date | null;
  meeting: { id: string; startsAt: Date; status: string } | null;
  approvals: readonly ApprovalRecord[];
  policy: Policy;
}

export type WorkKind = "VOTE" | "CTO_SIGN_OFF" | "VERBAL" | "RETRO" | "ON_CALL" | "CHANGES_REQUESTED" | "REJECTED" | "TO_DEPLOY";

export interface WorkItem {
  kind: WorkKind;
  cr: Pick<WorkCr, "id" | "number" | "summary" | "risk" | "state" | "emergency" | "meeting">;
  /** Why it is here, in words: who asked for changes, the on-call rule's message, … */
  detail: string | null;
  /** When a retrospective decision is due, and whether that meeting passed undecided. */
  due?: { at: Date; overdue: boolean };
}

export interface Me {
  id: string;
  roles: readonly Role[];
}

// `detailed` false: only which items there are (the navigation's count), without the words and the
// retrospective's due date. The tally is taken only when a decision or a detail needs it: it is most of
// the cost on a list of 300 candidates, and the count needs it only for emergencies and sent-back drafts.
function itemsFor(me: Me, cr: WorkCr, now: Date, detailed: boolean): WorkItem[] {
  const base = { id: cr.id, number: cr.number, summary: cr.summary, risk: cr.risk, state: cr.state, emergency: cr.emergency, meeting: cr.meeting };
  const item = (kind: WorkKind, detail: () => string | null = () => null): WorkItem => ({ kind, cr: base, detail: detailed ? detail() : null });
  const out: WorkItem[] = [];
  let tallied: ApprovalTally | undefined;
  const tally = () => (tallied ??= tallyApprovals(cr, cr.approvals, cr.policy));
  const rule = cr.policy.rules[cr.risk];

  if (cr.state === "SUBMITTED" && !cr.emergency && !canVote(me, cr, "STANDARD", cr.policy, cr.approvals)) {
    // The CTO's vote is the sign-off the matrix asks of them; anyone else's is a CAB vote.
    const asCto = me.roles.includes("CTO") && rule.approvals.includes("CTO");
    out.push(item(asCto ? "CTO_SIGN_OFF" : "VOTE", () => (tally().missing.length ? `Still ${tally().missing.join("; ")}` : null)));
  }
  if (cr.emergency && !tally().verbalEmergency && !canVote(me, cr, "VERBAL_EMERGENCY", cr.policy, cr.approvals)) {
    out.push(item("VERBAL", () => "Record the verbal approval you gave, so the fix can deploy"));
  }
  if (cr.emergency && !canVote(me, cr, "RETROSPECTIVE", cr.policy, cr.approvals)) {
    const retro = detailed ? retrospectiveStatus(cr, cr.policy, now) : null;
    out.push({ ...item("RETRO"), ...(retro ? { due: { at: retro.dueAt, overdue: retro.overdue } } : {}) });
  }
  if (cr.onCallUserId === me.id && ["SUBMITTED", "APPROVED", "SCHEDULED"].includes(cr.state) && rule.onCall === "PRESENT") {
    const [need] = onCallItems({ cr: { ...cr, requesterId: cr.requesterId, targetVersion: "" }, policy: cr.policy, now });
    if (need) out.push(item("ON_CALL", () => need.message));
  }
  if (cr.requesterId === me.id) {
    if (cr.state === "DRAFT" && tally().changesRequested.length > 0) {
      out.push(item("CHANGES_REQUESTED", () => tally().changesRequested.map((v) => `${v.userName ?? "A CAB member"}: “${v.comment ?? ""}”`).join(" · ")));
    } else if (cr.state === "REJECTED") {
      out.push(item("REJECTED", () => {
        const by = tally().blockingRejection ? [tally().blockingRejection!] : tally().cab.rejections;
        return by.map((v) => `${v.userName ?? "The CAB"}: “${v.comment ?? ""}”`).join(" · ") || null;
      }));
    } else if (cr.state === "APPROVED" || cr.state === "SCHEDULED") {
      out.push(item("TO_DEPLOY"));
    }
  }
  return out;
}

/** Everything awaiting `me` among the candidate changes, oldest first within each kind. */
export function workItems(me: Me, crs: readonly WorkCr[], now: Date): WorkItem[] {
  return crs.flatMap((cr) => itemsFor(me, cr, now, true));
}

/** How many items workItems lists (the navigation's number), without building their words. */
export function workCount(me: Me, crs: readonly WorkCr[], now: Date): number {
  let n = 0;
  for (const cr of crs) n += itemsFor(me, cr, now, false).length;
  return n;
}

/** One of the person's live deployments, flag rollouts or recent rollbacks, as My work lists it. */
export interface LiveDeployment {
  id: string;
  kind: DeploymentKind;
  state: string;
  fromVersion: string;
  toVersion: string;
  currentWeight: number;
  paused: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  reason: string | null;
  rollbackKind: string | null;
  serviceName: string;
  flagName: string | null;
  crId: string | null;
  crNumber: string | null;
}
