import "server-only";
// The commit time and SHA a deployment carries (Deployment.commitTime, read by lead time): set when
// it starts, and again when CI reports a commit for the deployed version afterwards.
import type { Tx } from "@/lib/db";
import { deployedCommit, type CommitMark } from "@/lib/domain/deployed-commit";

export async function deployedCommitOf(tx: Tx, cr: { id: string; targetVersion: string; commitTime: Date | null; commitSha: string | null }): Promise<CommitMark> {
  const reported = await tx.gateResult.findMany({
    where: { crId: cr.id, version: cr.targetVersion, commitTime: { not: null } },
    select: { commitTime: true, commitSha: true },
  });
  return deployedCommit(reported, cr);
}

/** After a gate result: the change's deployments of that version take the (possibly earlier) commit CI reported. */
export async function refreshDeployedCommit(tx: Tx, cr: { id: string; targetVersion: string; commitTime: Date | null; commitSha: string | null }): Promise<void> {
  const mark = await deployedCommitOf(tx, cr);
  if (!mark.commitTime) return;
  await tx.deployment.updateMany({ where: { crId: cr.id, kind: "DEPLOY", toVersion: cr.targetVersion }, data: { commitTime: mark.commitTime, commitSha: mark.commitSha } });
}
