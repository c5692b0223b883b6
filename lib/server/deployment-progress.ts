import "server-only";
// The orchestrator's reads and writes. Every write is conditional on the state the job read, so a
// second runner (or a job replayed after a crash) that acted on an old picture changes nothing.
import { db } from "@/lib/db";
import type { DeploymentOutcome, DeploymentState, Prisma } from "@/generated/prisma/client";
import type { GateVerdict, MetricReading } from "@/lib/domain/deploy-gates";
import type { CrAction } from "@/lib/domain/cr-state-machine";
import { applyTransition } from "./apply-transition";
import { writeAudit, type AuditActor } from "./audit";

export const ORCHESTRATOR: AuditActor = { id: null, label: "orchestrator" };
export const TERMINAL_DEPLOYMENT_STATES: readonly DeploymentState[] = ["SUCCEEDED", "ROLLED_BACK", "FAILED"];

export async function loadDeployment(id: string) {
  return db.deployment.findUnique({ where: { id }, include: { service: { select: { gateRules: true, name: true } } } });
}
export type LoadedDeployment = NonNullable<Awaited<ReturnType<typeof loadDeployment>>>;

export async function addDeploymentEvent(deploymentId: string, kind: string, message: string, data?: Record<string, unknown>) {
  await db.deploymentEvent.create({ data: { deploymentId, kind, message, data: data as Prisma.InputJsonValue | undefined } });
}

/** Applies `data` only if the row is still in `state`; false when someone else moved it first. */
export async function updateDeploymentIf(id: string, state: DeploymentState, data: Prisma.DeploymentUncheckedUpdateManyInput): Promise<boolean> {
  const { count } = await db.deployment.updateMany({ where: { id, state }, data });
  return count === 1;
}

export async function countEvents(deploymentId: string, kind: string): Promise<number> {
  return db.deploymentEvent.count({ where: { deploymentId, kind } });
}

export async function lastEventData(deploymentId: string, kind: string): Promise<Record<string, unknown> | null> {
  const e = await db.deploymentEvent.findFirst({ where: { deploymentId, kind }, orderBy: { id: "desc" } });
  return (e?.data as Record<string, unknown> | null) ?? null;
}

/**
 * Stores the periods not stored yet for this scope; the breaching one carries its rule. Readings
 * without a datapoint are skipped: a chart of zeros would claim traffic was measured.
 */
export async function saveGateReadings(deploymentId: string, scope: string, readings: readonly MetricReading[], verdict: GateVerdict) {
  const last = await db.gateReading.findFirst({ where: { deploymentId, scope }, orderBy: { at: "desc" }, select: { at: true } });
  const fresh = readings.filter((r) => r.invocations !== null && (!last || r.timestamp > last.at));
  if (fresh.length === 0) return;
  await db.gateReading.createMany({
    data: fresh.map((r) => ({
      deploymentId,
      at: r.timestamp,
      scope,
      invocations: r.invocations ?? 0,
      errors: r.errors ?? 0,
      throttles: r.throttles ?? 0,
      p99Ms: r.p99Ms,
      errorRate: r.invocations ? ((r.errors ?? 0) / r.invocations) * 100 : (r.errorRatePercent ?? null),
      breached: verdict.breached && verdict.reading?.timestamp.getTime() === r.timestamp.getTime() ? verdict.rule : null,
    })),
  });
}

const CR_ACTION: Record<DeploymentOutcome, CrAction> = { SUCCEEDED: "deploySucceeded", FAILED: "deployFailed", ROLLED_BACK: "rollBack" };

/**
 * Ends a deployment: outcome, the alias lock released, the CR moved on, all in one transaction with
 * the audit event. A second call finds the row already terminal and does nothing.
 */
export async function finishDeployment(
  id: string,
  outcome: DeploymentOutcome,
  fields: { reason?: string | null; currentWeight?: number; message: string },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const d = await tx.deployment.findUnique({ where: { id } });
    if (!d || TERMINAL_DEPLOYMENT_STATES.includes(d.state)) return false;
    const { count } = await tx.deployment.updateMany({
      where: { id, state: d.state },
      data: {
        state: outcome,
        outcome,
        finishedAt: new Date(),
        activeLock: null,
        paused: false,
        ...(fields.reason !== undefined ? { reason: fields.reason } : {}),
        ...(fields.currentWeight !== undefined ? { currentWeight: fields.currentWeight } : {}),
      },
    });
    if (count === 0) return false;
    await tx.deploymentEvent.create({ data: { deploymentId: id, kind: outcome, message: fields.message } });
    if (d.crId) {
      const cr = await tx.changeRequest.findUnique({ where: { id: d.crId } });
      // The CR may have been rolled back by hand meanwhile; the deployment still gets its outcome.
      if (cr && cr.state === "DEPLOYING") await applyTransition(tx, ORCHESTRATOR, cr, CR_ACTION[outcome], {}, { deploymentId: id });
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
    return true;
  });
}

/** Deployments that hold their alias: the ones a worker must keep driving. */
export async function activeDeploymentIds(): Promise<string[]> {
  const rows = await db.deployment.findMany({ where: { activeLock: { not: null } }, select: { id: true } });
  return rows.map((r) => r.id);
}
