import "server-only";
// Settles a manual rollback once its alias write is known: the rollback row ends, the alias lock is
// released, and — when it took a deployed change's version off the alias — that deployment is marked
// rolled back (it no longer counts as known-good), its change moves to Rolled back, and the change's
// timeline says who did it and why. One transaction; a second call finds the row settled and stops.
import { db, inTx, readDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { applyTransition } from "./apply-transition";
import { writeAudit } from "./audit";
import { TERMINAL_DEPLOYMENT_STATES } from "@/lib/domain/vocabulary";
import type { RollbackOutcome } from "@/lib/deploy";
import { notifyManualRollback } from "./deployment-notices";

/** `at`: when the rollback ended (the demo seed replays history on a clock in the past). */
export async function finishManualRollback(id: string, outcome: RollbackOutcome, at = new Date()) {
  return db.$transaction(async (tx) => {
    await inTx(tx, readDb.selectFrom("Deployment").select("id").where("id", "=", id).forUpdate());
    const d = await tx.deployment.findUnique({ where: { id } });
    if (!d || d.kind !== "ROLLBACK") throw new AppError("NOT_FOUND", "Rollback not found.");
    if (TERMINAL_DEPLOYMENT_STATES.includes(d.state)) return d;
    const finishedAt = at;
    // The time the person said the problem was seen (rollback-alias), else when they acted.
    const issueDetectedAt = d.issueDetectedAt ?? d.startedAt;
    const actor = { id: d.startedById, label: outcome.by };
    if (!outcome.ok) {
      const failed = await tx.deployment.update({
        where: { id },
        data: { state: "FAILED", outcome: "FAILED", finishedAt, activeLock: null, reason: `${d.reason ?? ""} — not done: ${outcome.reason}` },
      });
      await tx.deploymentEvent.create({ data: { deploymentId: id, at, kind: "FAILED", message: `Rollback not done: ${outcome.reason}` } });
      await writeAudit(tx, { actor, action: "deployment.manual-rollback-failed", entityType: "Deployment", entityId: id, crId: d.crId, after: { reason: outcome.reason } });
      return failed;
    }
    const done = await tx.deployment.update({
      where: { id },
      data: { state: "SUCCEEDED", outcome: "SUCCEEDED", finishedAt, activeLock: null, currentWeight: 1, aliasRevisionId: outcome.revisionId, issueDetectedAt },
    });
    await tx.deploymentEvent.create({ data: { deploymentId: id, at, kind: "MANUAL_ROLLBACK", message: `${d.alias} now serves version ${d.toVersion}` } });
    if (d.revertsDeploymentId) {
      const reverted = await tx.deployment.findUnique({ where: { id: d.revertsDeploymentId } });
      if (reverted?.outcome === "SUCCEEDED") {
        // Its finish time stays: the deployment finished when it finished; the rollback is its own row,
        // whose finishedAt is when the rollback completed (the metrics' end of time to rollback).
        await tx.deployment.update({
          where: { id: reverted.id },
          data: { outcome: "ROLLED_BACK", state: "ROLLED_BACK", rollbackKind: "MANUAL", issueDetectedAt, reason: `Rolled back by hand by ${outcome.by}: ${d.reason ?? ""}` },
        });
        await tx.deploymentEvent.create({
          data: { deploymentId: reverted.id, at, kind: "MANUAL_ROLLBACK", message: `${outcome.by} rolled ${d.alias} back to version ${d.toVersion}: ${d.reason ?? ""}`, data: { rollbackId: id } },
        });
      }
    }
    const cr = d.crId ? await tx.changeRequest.findUnique({ where: { id: d.crId } }) : null;
    if (cr && cr.state === "DEPLOYED") {
      await applyTransition(tx, actor, cr, "rollBack", "PRODUCTION_GATE", {}, { rollbackDeploymentId: id, reason: d.reason, toVersion: d.toVersion });
    }
    await writeAudit(tx, {
      actor,
      action: "deployment.manual-rollback-done",
      entityType: "Deployment",
      entityId: id,
      crId: d.crId,
      after: { alias: `version ${d.toVersion}`, revisionId: outcome.revisionId, reverts: d.revertsDeploymentId },
    });
    await notifyManualRollback(tx, done, outcome.by);
    return done;
  });
}
