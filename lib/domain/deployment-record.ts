// The plain deployment record the metrics work on (one Deployment row plus whether a hotfix CR names
// it), and the one rule deciding whether it counts in a period — shared by every metric and chart so
// they cannot disagree about which deployments they looked at.
import type { DeploymentKind } from "./vocabulary";
import type { Period } from "./time-buckets";

export type DeploymentOutcome = "SUCCEEDED" | "FAILED" | "ROLLED_BACK";

export interface DeploymentRecord {
  id: string;
  serviceId: string;
  teamId: string;
  kind: DeploymentKind;
  startedAt: Date;
  finishedAt: Date | null;
  /** null while the deployment is still running. */
  outcome: DeploymentOutcome | null;
  commitTime?: Date | null;
  /** Gate breach or manual rollback started. */
  issueDetectedAt?: Date | null;
  /** When the rollback completed; defaults to finishedAt (which is that moment for ROLLED_BACK rows). */
  rolledBackAt?: Date | null;
  /** A hotfix CR names this deployment (ChangeRequest.hotfixForDeploymentId). */
  hasHotfix: boolean;
}

export type CountedDeployment = DeploymentRecord & { finishedAt: Date; outcome: DeploymentOutcome };

/**
 * Counts in the period: kind DEPLOY (a ROLLBACK-kind row is the remedy, not a change shipped),
 * finished with an outcome (running ones are left out), and from <= finishedAt < to. SQL:
 * kind = 'DEPLOY' AND outcome IS NOT NULL AND finished_at >= $from AND finished_at < $to.
 */
export function isCounted(d: DeploymentRecord, period: Period): d is CountedDeployment {
  if (d.kind !== "DEPLOY" || d.outcome === null || d.finishedAt === null) return false;
  const t = d.finishedAt.getTime();
  return t >= period.from.getTime() && t < period.to.getTime();
}

/** Keeps the deployments of one team or one service (the dashboard's scopes); no scope keeps all. */
export function inScope(
  deployments: readonly DeploymentRecord[],
  scope: { teamId?: string; serviceId?: string },
): DeploymentRecord[] {
  return deployments.filter(
    (d) =>
      (scope.teamId === undefined || d.teamId === scope.teamId) &&
      (scope.serviceId === undefined || d.serviceId === scope.serviceId),
  );
}
