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

// from-states → to-state for each action. Terminal states (CLOSED, CANCELLED) appear in no row.
const TRANSITIONS: Record<CrAction, { from: readonly CrState[]; to: CrState }> = {
  submit: { from: ["DRAFT"], to: "SUBMITTED" },
  approve: { from: ["SUBMITTED"], to: "APPROVED" },
  reject: { from: ["SUBMITTED"], to: "REJECTED" },
  requestChanges: { from: ["SUBMITTED"], to: "DRAFT" },
  // A rejected, failed or rolled-back change can be reworked and submitted again.
  reopen: { from: ["REJECTED", "FAILED", "ROLLED_BACK"], to: "DRAFT" },
  // Editing the target, risk or plan after submission voids the approvals given so far.
  resetApprovals: { from: ["SUBMITTED", "APPROVED", "SCHEDULED"], to: "SUBMITTED" },
  schedule: { from: ["APPROVED"], to: "SCHEDULED" },
  unschedule: { from: ["SCHEDULED"], to: "APPROVED" },
  startDeploy: { from: ["APPROVED", "SCHEDULED"], to: "DEPLOYING" },
  deploySucceeded: { from: ["DEPLOYING"], to: "DEPLOYED" },
  deployFailed: { from: ["DEPLOYING"], to: "FAILED" },
  // Rolling back is the safe direction: allowed during a deploy and after it succeeded.
  rollBack: { from: ["DEPLOYING", "DEPLOYED"], to: "ROLLED_BACK" },
  close: { from: ["DEPLOYED", "ROLLED_BACK", "FAILED", "REJECTED"], to: "CLOSED" },
  cancel: { from: ["DRAFT", "SUBMITTED", "APPROVED", "SCHEDULED"], to: "CANCELLED" },
};

export const TERMINAL_STATES: readonly CrState[] = ["CLOSED", "CANCELLED"];
/** States in which the CR's content may still be edited by its requester. */
export const EDITABLE_STATES: readonly CrState[] = ["DRAFT", "SUBMITTED", "APPROVED", "SCHEDULED"];

export type TransitionResult = { ok: true; to: CrState } | { ok: false; message: string };

export function transition(from: CrState, action: CrAction): TransitionResult {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(from)) return { ok: true, to: rule.to };
  const allowed = rule.from.map((s) => CR_STATE_LABELS[s]).join(", ");
  return {
    ok: false,
    message: `Cannot ${CR_ACTION_LABELS[action]} a change that is ${CR_STATE_LABELS[from]}; only possible when ${allowed}.`,
  };
}

export function canTransition(from: CrState, action: CrAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

export function actionsFrom(from: CrState): CrAction[] {
  return CR_ACTIONS.filter((a) => canTransition(from, a));
}
