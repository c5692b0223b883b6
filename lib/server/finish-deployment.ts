import "server-only";
// Ending a deployment is the services' write, not the orchestrator's: it moves the change request
// on, audits and notifies, in one transaction with the deployment's outcome. The orchestrator asks
// for it through DeploymentOutcomes (lib/deploy/types.ts); kill-flag calls it directly.
import { db } from "@/lib/db";
import type { DeploymentOutcome } from "@/generated/prisma/client";
import type { CrAction } from "@/lib/domain/cr-state-machine";
import { TERMINAL_DEPLOYMENT_STATES } from "@/lib/domain/vocabulary";
import type { FinishFields } from "@/lib/deploy";
import { applyTransition } from "./apply-transition";
import { writeAudit, type AuditActor } from "./audit";
import { notifyDeploymentEnded } from "./deployment-notices";

const ORCHESTRATOR: AuditActor = { id: null, label: "orchestrator" };

const CR_ACTION: Record<DeploymentOutcome, CrAction> = { SUCCEEDED: "deploySucceeded", FAILED: "deployFailed", ROLLED_BACK: "rollBack" };

/**
 * Ends a deployment: outcome, the alias lock released, the CR moved on, all in one transaction with
 * the audit event. A second call finds the row already terminal and does nothing.
 */
export async function finishDeployment(id: string, outcome: DeploymentOutcome, fields: FinishFields): Promise<boolean> {
  const at = fields.at ?? new Date();
  return db.$transaction(async (tx) => {
    const d = await tx.deployment.findUnique({ where: { id } });
    if (!d || TERMINAL_DEPLOYMENT_STATES.includes(d.state)) return false;
    const { count } = await tx.deployment.updateMany({
      where: { id, state: d.state },
      data: {
        state: outcome,
        outcome,
        finishedAt: at,
        activeLock: null,
        paused: false,
        ...(fields.reason !== undefined ? { reason: fields.reason } : {}),
        ...(fields.currentWeight !== undefined ? { currentWeight: fields.currentWeight } : {}),
        ...(fields.rollbackKind ? { rollbackKind: fields.rollbackKind } : {}),
      },
    });
    if (count === 0) return false;
    await tx.deploymentEvent.create({ data: { deploymentId: id, at, kind: outcome, message: fields.message } });
    if (d.crId) {
      const cr = await tx.changeRequest.findUnique({ where: { id: d.crId } });
      // The CR may have been rolled back by hand meanwhile; the deployment still gets its outcome.
      if (cr && cr.state === "DEPLOYING") await applyTransition(tx, ORCHESTRATOR, cr, CR_ACTION[outcome], "ORCHESTRATOR", {}, { deploymentId: id });
    }
    await writeAudit(tx, {
      actor: ORCHESTRATOR,
      action: `deployment.${outcome.toLowerCase()}`,
      entityType: "Deployment",
      entityId: id,
      crId: d.crId,
      before: { state: d.state },
      after: { state: outcome, reason: fields.reason ?? d.reason },
    });
    await notifyDeploymentEnded(tx, d, outcome, { reason: fields.reason ?? d.reason, drift: fields.drift === true });
    return true;
  });
}

