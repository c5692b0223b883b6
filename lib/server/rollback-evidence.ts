import "server-only";
// What a manual rollback is judged on, read the same way by the service page and the rollback
// service: the versions known to be good on the alias, the deployment that put the live version
// there (its change and requester), and whether a deployment holds the alias now.
import { db, type Tx } from "@/lib/db";
import { currentDeployment, knownGoodVersions, type DeploymentHistoryRecord, type KnownGoodVersion } from "@/lib/domain/known-good";

export interface ShippedDeployment extends DeploymentHistoryRecord {
  crId: string | null;
  crState: string | null;
  requesterId: string | null;
  startedAt: Date;
}

export interface RollbackEvidence {
  knownGood: KnownGoodVersion[];
  /** The deployment whose version the alias serves, if Changegate put it there. */
  current: ShippedDeployment | null;
  deploymentRunning: boolean;
}

export async function loadRollbackEvidence(
  service: { id: string; functionName: string; alias: string; baselineVersion: string | null },
  liveVersion: string,
  client: Tx | typeof db = db,
): Promise<RollbackEvidence> {
  // The newest successful deployment per version is all the rules need, however long the history.
  const rows = await client.$queryRaw<(Omit<ShippedDeployment, "kind" | "outcome"> & { kind: "DEPLOY"; outcome: "SUCCEEDED" })[]>`
    SELECT DISTINCT ON (d."toVersion") d.id, 'DEPLOY' AS kind, d."toVersion", 'SUCCEEDED' AS outcome, d."finishedAt",
           c.number AS "crNumber", d."crId", c.state::text AS "crState", d."requesterId", d."startedAt"
      FROM "Deployment" d LEFT JOIN "ChangeRequest" c ON c.id = d."crId"
     WHERE d."serviceId" = ${service.id} AND d."functionName" = ${service.functionName} AND d.alias = ${service.alias}
       AND d.kind = 'DEPLOY' AND d.outcome = 'SUCCEEDED'
     ORDER BY d."toVersion", d."finishedAt" DESC NULLS LAST`;
  const running = await client.deployment.count({ where: { serviceId: service.id, activeLock: { not: null } } });
  return {
    knownGood: knownGoodVersions(service.baselineVersion, rows),
    current: currentDeployment(liveVersion, rows),
    deploymentRunning: running > 0,
  };
}
