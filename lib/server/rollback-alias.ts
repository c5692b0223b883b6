import "server-only";
// Manual rollback: put a service's alias back on a known-good version at once. No CAB approval —
// going back to what was live and good is the safe direction — but the production gate decides it:
// a permitted actor (the requester of the change the alias serves, the on-call engineer, an SRE, an
// admin), a reason, a target that was live before with a successful deployment. The rollback is
// recorded before the alias is touched and holds the alias's lock while it writes, so no deploy or
// second rollback runs beside it and a crash leaves a row the orchestrator settles.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { isAwsGatewayError, type LambdaGateway } from "@/lib/aws";
import { describeAlias } from "@/lib/domain/deploy-progress";
import { decideProductionChange, person, type LiveAlias } from "@/lib/domain/production-gate";
import { AppError } from "@/lib/errors";
import { rollbackAliasSchema } from "@/lib/schemas/deployment";
import { auditActor, writeAudit } from "./audit";
import { awsGateways } from "./aws";
import { parseOrThrow } from "./change-input";
import { finishManualRollback } from "./finish-manual-rollback";
import { isUniqueViolation } from "./prisma-errors";
import { loadRollbackEvidence, type RollbackEvidence } from "./rollback-evidence";
import { aliasLockKey } from "./start-deployment";

export async function rollbackAlias(actor: Actor, raw: unknown, opts: { lambda?: LambdaGateway } = {}) {
  const input = parseOrThrow(rollbackAliasSchema, raw);
  const service = await db.service.findUnique({ where: { id: input.serviceId } });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.", { fields: { serviceId: "No such service" } });
  if (input.confirmAlias !== service.alias) {
    throw new AppError("VALIDATION", `Type the alias name "${service.alias}" exactly to confirm.`, { fields: { confirmAlias: `Type "${service.alias}"` } });
  }
  const lambda = opts.lambda ?? awsGateways().lambda;
  const alias = await lambda.getAlias(service.functionName, service.alias);
  const decide = (ev: RollbackEvidence) => {
    const decision = decideProductionChange(person(actor), {
      action: "MANUAL_ROLLBACK",
      relations: { requester: ev.current?.requesterId === actor.id, onCall: service.onCallUserId === actor.id },
      alias,
      targetVersion: input.targetVersion,
      reason: input.reason,
      knownGood: ev.knownGood,
      deploymentRunning: ev.deploymentRunning,
    });
    if (decision.allowed) return;
    if (decision.forbidden) throw new AppError("FORBIDDEN", decision.reasons[0]!);
    throw new AppError("NOT_READY", `Cannot roll back: ${decision.reasons.join("; ")}.`, { fields: { targetVersion: decision.reasons[0]! }, details: { missing: decision.reasons } });
  };
  decide(await loadRollbackEvidence(service, alias.functionVersion));

  let row;
  try {
    row = await db.$transaction(async (tx) => {
      const ev = await loadRollbackEvidence(service, alias.functionVersion, tx);
      decide(ev);
      const created = await tx.deployment.create({ data: rollbackRow(actor, service, alias, input, ev) });
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: "deployment.manual-rollback",
        entityType: "Deployment",
        entityId: created.id,
        crId: ev.current?.crId ?? null,
        before: { alias: describeAlias(alias), revisionId: alias.revisionId },
        after: { alias: `version ${input.targetVersion}`, service: service.name, reason: input.reason, reverts: ev.current?.id ?? null },
      });
      return created;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `A deployment or another rollback is running on ${service.functionName}:${service.alias}; wait for it or abort it.`);
    throw e;
  }

  try {
    // The RevisionId read before deciding: if anyone changed the alias since, this fails instead of clobbering it.
    const after = await lambda.rollbackAlias(service.functionName, service.alias, { version: input.targetVersion, revisionId: alias.revisionId });
    return await finishManualRollback(row.id, { ok: true, revisionId: after.revisionId, by: actor.name });
  } catch (e) {
    if (!isAwsGatewayError(e)) throw e;
    const message =
      e.kind === "ALIAS_CHANGED"
        ? `${service.alias} was changed by someone else while you were rolling back (it now routes something else); nothing was written. Reload and decide again.`
        : `AWS refused the rollback: ${e.message}`;
    await finishManualRollback(row.id, { ok: false, reason: message, by: actor.name });
    throw new AppError(e.kind === "ALIAS_CHANGED" ? "CONFLICT" : "UPSTREAM", message);
  }
}

function rollbackRow(actor: Actor, service: { id: string; awsRegion: string; functionName: string; alias: string }, alias: LiveAlias, input: { targetVersion: string; reason: string }, ev: RollbackEvidence) {
  return {
    kind: "ROLLBACK" as const,
    crId: ev.current?.crId ?? null,
    revertsDeploymentId: ev.current?.id ?? null,
    serviceId: service.id,
    awsRegion: service.awsRegion,
    functionName: service.functionName,
    alias: service.alias,
    fromVersion: alias.functionVersion,
    toVersion: input.targetVersion,
    strategy: "MANUAL_ROLLBACK",
    plan: [{ weight: 1, waitSeconds: 0 }],
    state: "SHIFTING" as const,
    rollbackKind: "MANUAL",
    reason: input.reason,
    aliasRevisionId: alias.revisionId,
    activeLock: aliasLockKey(service),
    requesterId: ev.current?.requesterId ?? null,
    startedById: actor.id,
    events: { create: [{ kind: "MANUAL_ROLLBACK_STARTED", message: `${actor.name} is rolling ${service.alias} back from ${describeAlias(alias)} to version ${input.targetVersion}: ${input.reason}` }] },
  };
}
