// Rolling back: the target back as it was (an alias on the old version with routing cleared, a flag
// at its last good state), then the deployment ended. Re-entrant: a tick that crashed half-way finds
// the target already back and only records the end.
import { isAwsGatewayError } from "@/lib/aws";
import { pendingRevision } from "@/lib/domain/alias-ownership";
import { manualRollbackCommand } from "@/lib/domain/deploy-progress";
import { decideProductionChange, ORCHESTRATOR_ACTOR, type RunningDeployment } from "@/lib/domain/production-gate";
import { targetFor } from "./rollout-target";
import { addDeploymentEvent, countEvents, lastEventData, recordedNow, updateDeploymentIf, updateDeploymentIfWithEvent, type LoadedDeployment } from "./store";
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
    { state: "ROLLING_BACK", reason: cause.reason, rollbackKind: cause.rollbackKind, issueDetectedAt: await recordedNow(), paused: false },
    { kind: "ROLLBACK_STARTED", message: `Rolling back to ${targetFor(deps, d).before}: ${cause.reason}`, data: { outcome: cause.outcome, ...cause.data } },
  );
  if (!moved) return retryIn(0);
  return rollBack(deps, { ...d, state: "ROLLING_BACK", reason: cause.reason });
}

export async function rollBack(deps: DeployDeps, d: LoadedDeployment): Promise<TickResult> {
  const started = await lastEventData(d.id, "ROLLBACK_STARTED");
  const outcome = started?.outcome === "FAILED" ? "FAILED" : "ROLLED_BACK";
  const target = targetFor(deps, d);
  try {
    const reading = await target.read();
    const gate = decideProductionChange(ORCHESTRATOR_ACTOR, {
      action: "AUTO_ROLLBACK",
      deployment: asRunning(d),
      target: { revision: reading.revision, holdsIntended: reading.holds(0), describe: reading.describe },
    });
    const foreign = !gate.allowed ? (gate.drift ?? null) : reading.weight === null ? reading.describe : null;
    if (foreign !== null) {
      await noteDrift(deps, d, foreign);
      await deps.outcomes.finishDeployment(d.id, "FAILED", {
        reason: `${d.reason ?? "Rollback"} — but ${target.name} was changed outside Changegate (it now holds ${foreign}), so it was left as it is. Check it by hand.`,
        message: `Rollback skipped: changed outside Changegate (${foreign})`,
      });
      return DONE;
    }
    if (reading.weight !== null && reading.weight > 0) {
      const marker = pendingRevision(reading.revision);
      if (d.aliasRevisionId !== marker && !(await updateDeploymentIf(d.id, "ROLLING_BACK", { aliasRevisionId: marker }))) return retryIn(0);
      await target.write(0, reading);
      await addDeploymentEvent(d.id, "ALIAS_RESTORED", `${target.name} is back on ${target.before}`);
    }
    await deps.outcomes.finishDeployment(d.id, outcome, {
      currentWeight: 0,
      message: outcome === "FAILED" ? `Failed; ${target.name} restored to ${target.before}` : `Rolled back to ${target.before}`,
    });
    return DONE;
  } catch (e) {
    if (!isAwsGatewayError(e)) throw e;
    await addDeploymentEvent(d.id, "ROLLBACK_ATTEMPT_FAILED", e.message, { kind: e.kind });
    const failures = await countEvents(d.id, "ROLLBACK_ATTEMPT_FAILED");
    if (failures < ROLLBACK_ATTEMPTS && e.kind !== "ALIAS_CHANGED" && e.kind !== "PARAMETER_CHANGED") return retryIn(2000);
    const where = await target.read().then(
      (r) => r.describe,
      () => "unknown",
    );
    const fix = d.kind === "FLAG_ROLLOUT" ? "Use the flag's kill switch." : `Run: ${manualRollbackCommand(d.awsRegion, d.functionName, d.alias, d.fromVersion)}.`;
    await deps.outcomes.finishDeployment(d.id, "FAILED", {
      reason: `ROLLBACK FAILED — ${target.name} may be part way (${where}). ${fix} Cause: ${d.reason ?? ""} Last error: ${e.message}`,
      message: `Rollback failed after ${failures} attempts; ${target.name} needs a manual fix`,
    });
    return DONE;
  }
}

/**
 * Someone changed the target since Changegate last wrote it. Overwriting their change (even to roll
 * back) could undo a fix they are making: stop, record what it holds now, and say so.
 */
export async function stopForeign(deps: DeployDeps, d: LoadedDeployment, now: string): Promise<TickResult> {
  await noteDrift(deps, d, now);
  const what = d.kind === "FLAG_ROLLOUT" ? `Flag parameter ${d.flag?.parameterName}` : `Alias ${d.functionName}:${d.alias}`;
  await deps.outcomes.finishDeployment(d.id, "FAILED", {
    reason: `${what} was changed outside Changegate (it now routes ${now}); the ${d.kind === "FLAG_ROLLOUT" ? "rollout" : "deployment"} stopped without touching it. Check it and tell its owner.`,
    message: `Stopped: changed outside Changegate (it now routes ${now})`,
    drift: true,
  });
  return DONE;
}

/** How long a manual rollback's own request may still be writing the alias (its AWS call and retries). */
export const MANUAL_ROLLBACK_SETTLE_MS = 120_000;

/** A flag's history records what was found (the alias journal is AWS's own). */
async function noteDrift(deps: DeployDeps, d: LoadedDeployment, holds: string) {
  if (d.kind === "FLAG_ROLLOUT" && d.flag) await deps.outcomes.recordFlagDrift(d.flag.id, { version: null, describe: holds }, d.id);
}

/**
 * A manual rollback still open after its request should have ended: the request died between
 * recording it and settling it. The alias says which: on the target, it was done; otherwise not.
 */

export async function settleManualRollback(deps: DeployDeps, d: LoadedDeployment): Promise<TickResult> {
  const age = (await recordedNow()).getTime() - d.startedAt.getTime();
  if (age < MANUAL_ROLLBACK_SETTLE_MS) return retryIn(MANUAL_ROLLBACK_SETTLE_MS - age);
  // The rollback's target (an alias, an ECS service) holds its version exactly: the write landed.
  const reading = await targetFor(deps, d).read();
  await deps.outcomes.finishManualRollback(
    d.id,
    reading.weight === 1
      ? { ok: true, revisionId: reading.revision, by: "orchestrator" }
      : { ok: false, reason: `interrupted before the target was changed (it holds ${reading.describe})`, by: "orchestrator" },
  );
  return DONE;
}
