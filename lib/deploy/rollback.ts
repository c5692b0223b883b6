// Rolling back: the alias back on the old version with routing cleared, then the deployment ended.
// Re-entrant: a tick that crashed half-way finds the alias already back and only records the end.
import { isAwsGatewayError } from "@/lib/aws";
import { pendingRevision, shapeAt } from "@/lib/domain/alias-ownership";
import { aliasPosition, describeAlias, manualRollbackCommand } from "@/lib/domain/deploy-progress";
import { decideProductionChange, ORCHESTRATOR_ACTOR, type RunningDeployment } from "@/lib/domain/production-gate";
import { finishManualRollback } from "@/lib/server/finish-manual-rollback";
import {
  addDeploymentEvent,
  countEvents,
  finishDeployment,
  lastEventData,
  updateDeploymentIf,
  updateDeploymentIfWithEvent,
  type LoadedDeployment,
} from "@/lib/server/deployment-progress";
import { DONE, retryIn, type DeployDeps, type TickResult } from "./types";

/** The deployment as the production gate judges its steps. */
export function asRunning(d: LoadedDeployment): RunningDeployment {
  return { id: d.id, crState: d.crState, state: d.state, abortRequested: d.abortRequested, fromVersion: d.fromVersion, toVersion: d.toVersion, recordedRevisionId: d.aliasRevisionId };
}

/** Attempts at the rollback itself (each already retried with backoff by the gateway) before giving up loudly. */
export const ROLLBACK_ATTEMPTS = 3;

export interface RollbackCause {
  reason: string;
  /** ROLLED_BACK for a breach, hook failure or abort; FAILED when AWS itself failed the deploy. */
  outcome: "ROLLED_BACK" | "FAILED";
  rollbackKind: "AUTOMATIC" | "MANUAL";
  data?: Record<string, unknown>;
}

export async function startRollback(deps: DeployDeps, d: LoadedDeployment, cause: RollbackCause): Promise<TickResult> {
  const moved = await updateDeploymentIfWithEvent(
    d.id,
    d.state,
    { state: "ROLLING_BACK", reason: cause.reason, rollbackKind: cause.rollbackKind, issueDetectedAt: new Date(), paused: false },
    { kind: "ROLLBACK_STARTED", message: `Rolling back to version ${d.fromVersion}: ${cause.reason}`, data: { outcome: cause.outcome, ...cause.data } },
  );
  if (!moved) return retryIn(0);
  return rollBack(deps, { ...d, state: "ROLLING_BACK", reason: cause.reason });
}

export async function rollBack(deps: DeployDeps, d: LoadedDeployment): Promise<TickResult> {
  const started = await lastEventData(d.id, "ROLLBACK_STARTED");
  const outcome = started?.outcome === "FAILED" ? "FAILED" : "ROLLED_BACK";
  const target = `${d.functionName}:${d.alias}`;
  try {
    const alias = await deps.lambda.getAlias(d.functionName, d.alias);
    const gate = decideProductionChange(ORCHESTRATOR_ACTOR, { action: "AUTO_ROLLBACK", deployment: asRunning(d), alias, intended: shapeAt(d.fromVersion, d.toVersion, 0) });
    const pos = aliasPosition(alias, d.fromVersion, d.toVersion);
    const foreign = !gate.allowed ? (gate.drift ?? null) : pos.kind === "foreign" ? pos.description : null;
    if (foreign !== null) {
      await finishDeployment(d.id, "FAILED", {
        reason: `${d.reason ?? "Rollback"} — but ${target} was changed outside Changegate (now ${foreign}), so it was left as it is. Check it by hand.`,
        message: `Rollback skipped: alias changed outside Changegate (${foreign})`,
      });
      return DONE;
    }
    if (pos.kind === "weight" && pos.weight > 0) {
      const marker = pendingRevision(alias.revisionId);
      if (d.aliasRevisionId !== marker && !(await updateDeploymentIf(d.id, "ROLLING_BACK", { aliasRevisionId: marker }))) return retryIn(0);
      await deps.lambda.rollbackAlias(d.functionName, d.alias, { version: d.fromVersion, revisionId: alias.revisionId });
      await addDeploymentEvent(d.id, "ALIAS_RESTORED", `${target} is back on version ${d.fromVersion}, routing cleared`);
    }
    await finishDeployment(d.id, outcome, {
      currentWeight: 0,
      message: outcome === "FAILED" ? `Failed; ${target} restored to version ${d.fromVersion}` : `Rolled back to version ${d.fromVersion}`,
    });
    return DONE;
  } catch (e) {
    if (!isAwsGatewayError(e)) throw e;
    await addDeploymentEvent(d.id, "ROLLBACK_ATTEMPT_FAILED", e.message, { kind: e.kind });
    const failures = await countEvents(d.id, "ROLLBACK_ATTEMPT_FAILED");
    if (failures < ROLLBACK_ATTEMPTS && e.kind !== "ALIAS_CHANGED") return retryIn(2000);
    const where = await deps.lambda.getAlias(d.functionName, d.alias).then(
      (a) => describeAlias(a),
      () => "unknown",
    );
    const command = manualRollbackCommand(d.awsRegion, d.functionName, d.alias, d.fromVersion);
    await finishDeployment(d.id, "FAILED", {
      reason: `ROLLBACK FAILED — ${target} may be at a partial weight (${where}). Run: ${command}. Cause: ${d.reason ?? ""} Last error: ${e.message}`,
      message: `Rollback failed after ${failures} attempts; the alias needs a manual fix`,
    });
    return DONE;
  }
}

/**
 * Someone changed the alias since Changegate last wrote it. Overwriting their change (even to roll
 * back) could undo a fix they are making: stop, record what the alias routes now, and say so.
 */
export async function stopForeign(d: LoadedDeployment, now: string): Promise<TickResult> {
  await finishDeployment(d.id, "FAILED", {
    reason: `Alias ${d.functionName}:${d.alias} was changed outside Changegate (it now routes ${now}); the deployment stopped without touching it. Check the alias and tell its owner.`,
    message: `Stopped: alias changed outside Changegate (it now routes ${now})`,
  });
  return DONE;
}

/** How long a manual rollback's own request may still be writing the alias (its AWS call and retries). */
export const MANUAL_ROLLBACK_SETTLE_MS = 120_000;

/**
 * A manual rollback still open after its request should have ended: the request died between
 * recording it and settling it. The alias says which: on the target, it was done; otherwise not.
 */
export async function settleManualRollback(deps: DeployDeps, d: LoadedDeployment): Promise<TickResult> {
  const age = Date.now() - d.startedAt.getTime();
  if (age < MANUAL_ROLLBACK_SETTLE_MS) return retryIn(MANUAL_ROLLBACK_SETTLE_MS - age);
  const alias = await deps.lambda.getAlias(d.functionName, d.alias);
  const done = alias.functionVersion === d.toVersion && Object.keys(alias.additionalVersionWeights).length === 0;
  await finishManualRollback(
    d.id,
    done
      ? { ok: true, revisionId: alias.revisionId, by: "orchestrator" }
      : { ok: false, reason: `interrupted before the alias was changed (it routes ${describeAlias(alias)})`, by: "orchestrator" },
  );
  return DONE;
}
