// A hotfix CR names the deployment it fixes (ChangeRequest.hotfixForDeploymentId); the change
// failure rate counts that deployment as a failure. The rule for what may be named, shared by the
// CR form, the emergency form and the CI API, and the words the form's list shows for each choice.
import type { DeploymentOutcome } from "./deployment-record";

export interface HotfixTarget {
  serviceId: string;
  kind: string;
  outcome: DeploymentOutcome | null;
}

/** Why this deployment cannot be the one a CR for `serviceId` fixes; null when it can. */
export function hotfixTargetError(target: HotfixTarget | null, serviceId: string): string | null {
  if (!target) return "Unknown deployment: choose one of the service's recent deployments";
  if (target.kind !== "DEPLOY") return "That is a rollback, not a deployment of a change: name the deployment it reverted";
  if (target.serviceId !== serviceId) return "That deployment is of another service: a hotfix fixes a deployment of the service it deploys";
  if (target.outcome === null) return "That deployment is still running: wait until it has finished";
  return null;
}

const OUTCOME_WORDS: Record<DeploymentOutcome, string> = { SUCCEEDED: "succeeded", FAILED: "failed", ROLLED_BACK: "rolled back" };

/** "CR-2026-0012 · version 7 · rolled back · finished 2026-11-28 14:03" (the time already local). */
export function hotfixChoiceLabel(d: { crNumber: string | null; toVersion: string; outcome: DeploymentOutcome; finishedLocal: string }): string {
  return [d.crNumber ?? "no change request", `version ${d.toVersion}`, OUTCOME_WORDS[d.outcome], `finished ${d.finishedLocal}`].join(" · ");
}
