import "server-only";
// What a manual rollback is judged on, read the same way by the service page and the rollback
// service: the versions known to be good on the alias, the deployment that put the live version
// there (its change and requester), and whether a deployment holds the alias now.
import { db, readDb, readOn, type Tx } from "@/lib/db";
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
  const rows = await readOn(
    client,
    readDb
      .selectFrom("Deployment as d")
      .leftJoin("ChangeRequest as c", "c.id", "d.crId")
      .distinctOn("d.toVersion")
      .select(["d.id", "d.kind", "d.toVersion", "d.outcome", "d.finishedAt", "c.number as crNumber", "d.crId", "c.state as crState", "d.requesterId", "d.startedAt"])
      .where("d.serviceId", "=", service.id)
      .where("d.functionName", "=", service.functionName)
      .where("d.alias", "=", service.alias)
      .where("d.kind", "=", "DEPLOY")
      .where("d.outcome", "=", "SUCCEEDED")
      .orderBy("d.toVersion")
      .orderBy("d.finishedAt", (ob) => ob.desc().nullsLast()),
  );
  const running = await client.deployment.count({ where: { serviceId: service.id, activeLock: { not: null } } });
  return {
    knownGood: knownGoodVersions(service.baselineVersion, rows),
    current: currentDeployment(liveVersion, rows),
    deploymentRunning: running > 0,
  };
}
