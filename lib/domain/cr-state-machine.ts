// The one state machine of a change request. Every service that changes a CR's state asks it first,
// so an illegal move is refused the same way whether it comes from a form, the API or a deploy job.
import { CR_STATE_LABELS, type CrState } from "./vocabulary";

export const CR_ACTIONS = [
  "submit",
  "approve",
  "reject",
  "requestChanges",
  "reopen",
  "resetApprovals",
  "schedule",
  "unschedule",
  "startDeploy",
  "deploySucceeded",
  "deployFailed",
  "rollBack",
  "close",
  "cancel",
] as const;
export type CrAction = (typeof CR_ACTIONS)[number];

export const CR_ACTION_LABELS: Record<CrAction, string> = {
  submit: "submit",
  approve: "approve",
  reject: "reject",
  requestChanges: "request changes to",
  reopen: "reopen",
  resetApprovals: "reset the approvals of",
  schedule: "schedule",
  unschedule: "unschedule",
  startDeploy: "deploy",
  deploySucceeded: "mark as deployed",
  deployFailed: "mark as failed",
  rollBack: "roll back",
  close: "close",
  cancel: "cancel",
};

/**
 * Who may cause a transition. A person acts through a relation to the change (its REQUESTER) or an
 * administrative permission (ADMIN); everything else is a rule that a service runs and records:
 * the APPROVAL_TALLY (votes, CI's automated approval, a manager's verbal approval add up), a
 * MATERIAL_EDIT (an edit that voids the approvals), the PRODUCTION_GATE (a deploy start or a manual
 * rollback it allowed) and the ORCHESTRATOR (how a running deployment ended). A client naming a
 * transition never makes it happen: the service derives the authority from who acts and why.
 */
export const TRANSITION_AUTHORITIES = ["REQUESTER", "ADMIN", "APPROVAL_TALLY", "MATERIAL_EDIT", "PRODUCTION_GATE", "ORCHESTRATOR"] as const;
export type TransitionAuthority = (typeof TRANSITION_AUTHORITIES)[number];

const PEOPLE: readonly TransitionAuthority[] = ["REQUESTER", "ADMIN"];

// from-states → to-state for each action, and who may cause it. Terminal states (CLOSED, CANCELLED) appear in no row.
const TRANSITIONS: Record<CrAction, { from: readonly CrState[]; to: CrState; by: readonly TransitionAuthority[] }> = {
  // The tally submits an emergency draft when the manager's verbal approval is recorded on it.
  submit: { from: ["DRAFT"], to: "SUBMITTED", by: [...PEOPLE, "APPROVAL_TALLY"] },
  approve: { from: ["SUBMITTED"], to: "APPROVED", by: ["APPROVAL_TALLY"] },
  reject: { from: ["SUBMITTED"], to: "REJECTED", by: ["APPROVAL_TALLY"] },
  requestChanges: { from: ["SUBMITTED"], to: "DRAFT", by: ["APPROVAL_TALLY"] },
  // A rejected, failed or rolled-back change can be reworked and submitted again.
  reopen: { from: ["REJECTED", "FAILED", "ROLLED_BACK"], to: "DRAFT", by: PEOPLE },
  // Editing the target, risk, plan, window or on-call engineer after submission voids the approvals given so far.
  resetApprovals: { from: ["SUBMITTED", "APPROVED", "SCHEDULED"], to: "SUBMITTED", by: ["MATERIAL_EDIT"] },
  schedule: { from: ["APPROVED"], to: "SCHEDULED", by: PEOPLE },
  unschedule: { from: ["SCHEDULED"], to: "APPROVED", by: PEOPLE },
  startDeploy: { from: ["APPROVED", "SCHEDULED"], to: "DEPLOYING", by: ["PRODUCTION_GATE"] },
  deploySucceeded: { from: ["DEPLOYING"], to: "DEPLOYED", by: ["ORCHESTRATOR"] },
  deployFailed: { from: ["DEPLOYING"], to: "FAILED", by: ["ORCHESTRATOR"] },
  // Back to a known-good version: automatically during a deploy, or by hand (through the gate) after it.
  rollBack: { from: ["DEPLOYING", "DEPLOYED"], to: "ROLLED_BACK", by: ["ORCHESTRATOR", "PRODUCTION_GATE"] },
  close: { from: ["DEPLOYED", "ROLLED_BACK", "FAILED", "REJECTED"], to: "CLOSED", by: PEOPLE },
  cancel: { from: ["DRAFT", "SUBMITTED", "APPROVED", "SCHEDULED"], to: "CANCELLED", by: PEOPLE },
};

// What a person is told when they name a transition that only a rule may make.
const NOT_BY_HAND: Partial<Record<CrAction, string>> = {
  approve: "A change is approved when its votes meet the approval matrix, not by hand.",
  reject: "A change is rejected by the CAB's or the CTO's vote, not by hand.",
  requestChanges: "Changes are requested by a CAB vote, not by hand.",
  resetApprovals: "Approvals are reset by editing what the change ships, not by hand.",
  startDeploy: "A deployment starts from the Deploy button, once the change is ready.",
  deploySucceeded: "A deployment's outcome is recorded by the orchestrator that ran it.",
  deployFailed: "A deployment's outcome is recorded by the orchestrator that ran it.",
  rollBack: "Roll back from the service page: it puts a known-good version back on the alias.",
};

export const TERMINAL_STATES: readonly CrState[] = ["CLOSED", "CANCELLED"];
/** States in which the CR's content may still be edited by its requester. */
export const EDITABLE_STATES: readonly CrState[] = ["DRAFT", "SUBMITTED", "APPROVED", "SCHEDULED"];

/** A refusal says whether the mover lacks the authority or the change is in the wrong state. */
export type TransitionResult = { ok: true; to: CrState } | { ok: false; message: string; refused: "authority" | "state" };

/** Whether `action` may move a change from `from`, caused by any of `by`; refusals in words. */
export function transition(from: CrState, action: CrAction, by: readonly TransitionAuthority[]): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.by.some((a) => by.includes(a))) {
    const people = rule.by.filter((a) => PEOPLE.includes(a));
    const message =
      people.length > 0
        ? `Only the change's requester or an admin can ${CR_ACTION_LABELS[action]} a change.`
        : (NOT_BY_HAND[action] ?? `Cannot ${CR_ACTION_LABELS[action]} a change by hand.`);
    return { ok: false, message, refused: "authority" };
  }
  if (rule.from.includes(from)) return { ok: true, to: rule.to };
  const allowed = rule.from.map((s) => CR_STATE_LABELS[s]).join(", ");
  return {
    ok: false,
    message: `Cannot ${CR_ACTION_LABELS[action]} a change that is ${CR_STATE_LABELS[from]}; only possible when ${allowed}.`,
    refused: "state",
  };
}

export function canTransition(from: CrState, action: CrAction, by: readonly TransitionAuthority[] = TRANSITION_AUTHORITIES): boolean {
  return transition(from, action, by).ok;
}

export function actionsFrom(from: CrState, by: readonly TransitionAuthority[] = TRANSITION_AUTHORITIES): CrAction[] {
  return CR_ACTIONS.filter((a) => canTransition(from, a, by));
}

/** The authorities a person holds over one change: the buttons a page shows and the lifecycle service ask this. */
export function personAuthorities(person: { id: string; mayAdminister: boolean }, cr: { requesterId: string }): TransitionAuthority[] {
  const out: TransitionAuthority[] = [];
  if (person.id === cr.requesterId) out.push("REQUESTER");
  if (person.mayAdminister) out.push("ADMIN");
  return out;
}
