import "server-only";
// Manual rollback: put a service's alias back on a known-good version at once. No CAB approval —
// going back to what was live and good is the safe direction — but the production gate decides it:
// a permitted actor (the requester of the change the alias serves, the on-call engineer, an SRE, an
// admin), a reason, a target that was live before with a successful deployment. The rollback is
// recorded before the alias is touched and holds the alias's lock while it writes, so no deploy or
// second rollback runs beside it and a crash leaves a row the orchestrator settles.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { isAwsGatewayError } from "@/lib/aws";
import { resolveProblemSeen } from "@/lib/domain/problem-seen";
import { decideProductionChange, person } from "@/lib/domain/production-gate";
import { AppError } from "@/lib/errors";
import { rollbackAliasSchema } from "@/lib/schemas/deployment";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { finishManualRollback } from "./finish-manual-rollback";
import { readLive, rollbackTo, type Gateways, type LiveReading } from "./live-target";
import { orgTimeZone } from "./org-time-zone";
import { isUniqueViolation } from "./prisma-errors";
import { loadRollbackEvidence, type RollbackEvidence } from "./rollback-evidence";
import { aliasLockKey } from "./start-deployment";

/** `via` names where the click came from when not the portal (a Slack button), for the audit. */
/** `now`: when it happens (default the wall clock; the demo seed replays history in the past). */
export async function rollbackAlias(actor: Actor, raw: unknown, opts: Gateways & { via?: "Slack"; now?: Date } = {}) {
  const input = parseOrThrow(rollbackAliasSchema, raw);
  const service = await db.service.findUnique({ where: { id: input.serviceId } });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.", { fields: { serviceId: "No such service" } });
  // Typed to confirm: the alias's name, or an ECS service's own name.
  const confirmName = service.kind === "ECS" ? service.functionName : service.alias;
  if (input.confirmAlias !== confirmName) {
    throw new AppError("VALIDATION", `Type "${confirmName}" exactly to confirm.`, { fields: { confirmAlias: `Type "${confirmName}"` } });
  }
  // A Lambda alias, or an ECS service (whose "alias" is its cluster): what it serves now, and over which revision.
  const live = await readLive(service, opts);
  const decide = (ev: RollbackEvidence) => {
    const decision = decideProductionChange(person(actor), {
      action: "MANUAL_ROLLBACK",
      relations: { requester: ev.current?.requesterId === actor.id, onCall: service.onCallUserId === actor.id },
      live,
      targetVersion: input.targetVersion,
      reason: input.reason,
      knownGood: ev.knownGood,
      deploymentRunning: ev.deploymentRunning,
    });
    if (decision.allowed) return;
    if (decision.forbidden) throw new AppError("FORBIDDEN", decision.reasons[0]!);
    throw new AppError("NOT_READY", `Cannot roll back: ${decision.reasons.join("; ")}.`, { fields: { targetVersion: decision.reasons[0]! }, details: { missing: decision.reasons } });
  };
  decide(await loadRollbackEvidence(service, live.version));
  // The detection time the metrics use (mean time to rollback): what the person says, checked
  // against the rollback's start and the start of the deployment it reverts.
  const startedAt = opts.now ?? new Date();
  const timeZone = await orgTimeZone();
  const seenFor = (ev: RollbackEvidence) => {
    const seen = resolveProblemSeen(input.problemSeenAt, { rollbackAt: startedAt, revertedStartedAt: ev.current?.startedAt ?? null, timeZone });
    if (seen.error !== undefined) throw new AppError("VALIDATION", `Please fix: ${seen.error}`, { fields: { problemSeenAt: seen.error } });
    return seen.at;
  };

  let row;
  try {
    row = await db.$transaction(async (tx) => {
      const ev = await loadRollbackEvidence(service, live.version, tx);
      decide(ev);
      const issueDetectedAt = seenFor(ev);
      const created = await tx.deployment.create({ data: { ...rollbackRow(actor, service, live, input, ev, startedAt), startedAt, issueDetectedAt } });
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: "deployment.manual-rollback",
        entityType: "Deployment",
        entityId: created.id,
        crId: ev.current?.crId ?? null,
        before: { serves: live.describe, revision: live.revision },
        after: { serves: input.targetVersion, service: service.name, reason: input.reason, reverts: ev.current?.id ?? null, problemSeenAt: issueDetectedAt, via: opts.via },
      });
      return created;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `A deployment or another rollback is running on ${service.functionName}:${service.alias}; wait for it or abort it.`);
    throw e;
  }

  try {
    // The revision read before deciding: if anyone changed the target since, this fails instead of clobbering it.
    const revision = await rollbackTo(service, input.targetVersion, live.revision, opts);
    return await finishManualRollback(row.id, { ok: true, revisionId: revision, by: actor.name }, opts.now);
  } catch (e) {
    if (!isAwsGatewayError(e)) throw e;
    const message =
      e.kind === "ALIAS_CHANGED" || e.kind === "SERVICE_CHANGED"
        ? `${service.functionName}:${service.alias} was changed by someone else while you were rolling back; nothing was written. Reload and decide again.`
        : `AWS refused the rollback: ${e.message}`;
    await finishManualRollback(row.id, { ok: false, reason: message, by: actor.name }, opts.now);
    throw new AppError(e.kind === "ALIAS_CHANGED" || e.kind === "SERVICE_CHANGED" ? "CONFLICT" : "UPSTREAM", message);
  }
}

function rollbackRow(actor: Actor, service: { id: string; awsRegion: string; functionName: string; alias: string }, live: LiveReading, input: { targetVersion: string; reason: string }, ev: RollbackEvidence, at: Date) {
  return {
    kind: "ROLLBACK" as const,
    crId: ev.current?.crId ?? null,
    revertsDeploymentId: ev.current?.id ?? null,
    serviceId: service.id,
    awsRegion: service.awsRegion,
    functionName: service.functionName,
    alias: service.alias,
    fromVersion: live.version,
    toVersion: input.targetVersion,
    strategy: "MANUAL_ROLLBACK",
    plan: [{ weight: 1, waitSeconds: 0 }],
    state: "SHIFTING" as const,
    rollbackKind: "MANUAL",
    reason: input.reason,
    aliasRevisionId: live.revision,
    activeLock: aliasLockKey(service),
    requesterId: ev.current?.requesterId ?? null,
    startedById: actor.id,
    events: { create: [{ at, kind: "MANUAL_ROLLBACK_STARTED", message: `${actor.name} is rolling ${service.functionName}:${service.alias} back from ${live.describe} to ${input.targetVersion}: ${input.reason}` }] },
  };
}
