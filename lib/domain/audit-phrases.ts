// How an audit event reads on a CR's timeline: "Ada Lovelace submitted the change".
import { CR_STATE_LABELS, type CrState } from "./vocabulary";

const PHRASES: Record<string, string> = {
  "change.created": "created the change request",
  "change.edited": "edited the change request",
  "change.submit": "submitted it for approval",
  "change.approve": "— the approval matrix is met: approved",
  "change.reject": "— rejected",
  "change.requestChanges": "— changes requested",
  "change.reopen": "reopened it for rework",
  "change.resetApprovals": "— approvals reset",
  "change.schedule": "scheduled it",
  "change.unschedule": "unscheduled it",
  "change.startDeploy": "started the deployment",
  "change.deploySucceeded": "— deployment succeeded",
  "change.deployFailed": "— deployment failed",
  "change.rollBack": "rolled it back",
  "change.close": "closed it",
  "change.cancel": "cancelled it",
  "change.onCallConfirmed": "confirmed being present as on-call engineer",
  "approval.approve": "voted to approve",
  "approval.reject": "voted to reject",
  "approval.request_changes": "requested changes",
  "change.verbal-approval": "recorded the engineering manager's verbal emergency approval",
  "change.retrospective-vote": "cast a retrospective vote",
  "change.retrospective-decided": "— the CAB's retrospective decision is in",
  "gate.recorded": "reported a test-gate result",
  "deployment.start": "started shifting traffic on the alias",
  "deployment.succeeded": "— the deployment finished: succeeded",
  "deployment.failed": "— the deployment finished: failed",
  "deployment.rolled_back": "— the deployment was rolled back automatically",
  "deployment.pause": "paused the deployment",
  "deployment.resume": "resumed the deployment",
  "deployment.promote": "promoted the deployment (skipped its remaining waits)",
  "deployment.abort": "aborted the deployment",
  "deployment.manual-rollback": "started a manual rollback to a known-good version",
  "deployment.manual-rollback-done": "— the rollback is done",
  "deployment.manual-rollback-failed": "— the rollback was not done",
  "flag.published": "published the flag's new setting",
  "flag.rollout_step": "— the flag rollout published its next step",
  "flag.rolled_back": "— the flag rollout was rolled back",
  "flag.killed": "switched the flag off (kill switch)",
  "incident.declared": "declared an incident",
  "incident.resolved": "resolved the incident",
};

export function describeAudit(action: string): string {
  return PHRASES[action] ?? action.replace(/^[a-z]+\./, "").replace(/[._-]/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Field names whose values differ between two snapshots (for "edited: summary, version"). */
export function changedKeys(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== "object" || typeof after !== "object") return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

export function stateChange(before: unknown, after: unknown): string | null {
  const from = (before as { state?: CrState } | null)?.state;
  const to = (after as { state?: CrState } | null)?.state;
  if (!from || !to || from === to) return null;
  // Only a change's own states read as its transition; a deployment's states (SHIFTING → SUCCEEDED) do not.
  const a = CR_STATE_LABELS[from] as string | undefined;
  const b = CR_STATE_LABELS[to] as string | undefined;
  return a && b ? `${a} → ${b}` : null;
}
