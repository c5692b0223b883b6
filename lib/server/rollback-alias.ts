import "server-only";
// Manual rollback: put a service's alias on a chosen earlier version at once. No CAB approval —
// it is the safe direction — but limited to SRE, the service's on-call engineer, the CR's requester
// and admins, confirmed by typing the alias name, audited, and recorded as a deployment so the
// history and the metrics (mean time to rollback) see it.
import { db } from "@/lib/db";
import { hasRole, type Actor } from "@/lib/auth/permissions";
import type { LambdaGateway } from "@/lib/aws";
import { describeAlias } from "@/lib/domain/deploy-progress";
import { AppError } from "@/lib/errors";
import { applyTransition } from "./apply-transition";
import { auditActor, writeAudit } from "./audit";
import { awsGateways } from "./aws";
import { assertCan } from "./guard";
import { parseOrThrow } from "./change-input";
import { rollbackAliasSchema, type RollbackAliasInput } from "@/lib/schemas/deployment";

export async function rollbackAlias(actor: Actor, raw: RollbackAliasInput, opts: { lambda?: LambdaGateway } = {}) {
  assertCan(actor, "deploy:rollback");
  const input = parseOrThrow(rollbackAliasSchema, raw);
  const startedAt = new Date();
  const service = await db.service.findUnique({ where: { id: input.serviceId } });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.", { fields: { serviceId: "No such service" } });
  const cr = input.crId ? await db.changeRequest.findUnique({ where: { id: input.crId } }) : null;
  if (input.crId && (!cr || cr.serviceId !== service.id)) throw new AppError("VALIDATION", "That change request is not for this service.", { fields: { crId: "Not this service's change" } });
  const allowed = hasRole(actor, "SRE") || hasRole(actor, "ADMIN") || service.onCallUserId === actor.id || cr?.requesterId === actor.id;
  if (!allowed) throw new AppError("FORBIDDEN", "Rolling back is limited to SREs, the service's on-call engineer, the change's requester and admins.");
  if (input.confirmAlias !== service.alias) {
    throw new AppError("VALIDATION", `Type the alias name "${service.alias}" exactly to confirm.`, { fields: { confirmAlias: `Type "${service.alias}"` } });
  }
  const running = await db.deployment.findFirst({ where: { serviceId: service.id, activeLock: { not: null } } });
  if (running) throw new AppError("CONFLICT", "A deployment is running on this alias: abort it from its page instead (that rolls it back).");

  const lambda = opts.lambda ?? awsGateways().lambda;
  const alias = await lambda.getAlias(service.functionName, service.alias);
  const versions = await lambda.listVersions(service.functionName);
  if (!versions.some((v) => v.version === input.targetVersion)) {
    throw new AppError("VALIDATION", `Version ${input.targetVersion} of ${service.functionName} does not exist.`, { fields: { targetVersion: "No such version" } });
  }
  if (alias.functionVersion === input.targetVersion && Object.keys(alias.additionalVersionWeights).length === 0) {
    throw new AppError("VALIDATION", `${service.alias} already serves version ${input.targetVersion}.`, { fields: { targetVersion: "Already live" } });
  }
  const before = describeAlias(alias);
  // The RevisionId we just read: if someone changes the alias in between, this fails instead of clobbering it.
  await lambda.rollbackAlias(service.functionName, service.alias, { version: input.targetVersion, revisionId: alias.revisionId });
  const finishedAt = new Date();

  return db.$transaction(async (tx) => {
    const rollback = await tx.deployment.create({
      data: {
        kind: "ROLLBACK",
        crId: cr?.id ?? null,
        serviceId: service.id,
        awsRegion: service.awsRegion,
        functionName: service.functionName,
        alias: service.alias,
        fromVersion: alias.functionVersion,
        toVersion: input.targetVersion,
        strategy: "MANUAL_ROLLBACK",
        plan: [{ weight: 1, waitSeconds: 0 }],
        state: "SUCCEEDED",
        outcome: "SUCCEEDED",
        currentWeight: 1,
        rollbackKind: "MANUAL",
        reason: `Manual rollback by ${actor.name}`,
        issueDetectedAt: startedAt,
        requesterId: cr?.requesterId ?? null,
        startedById: actor.id,
        startedAt,
        finishedAt,
        events: { create: [{ kind: "MANUAL_ROLLBACK", message: `${actor.name} rolled ${service.alias} back from ${before} to version ${input.targetVersion}` }] },
      },
    });
    if (cr && (cr.state === "DEPLOYED" || cr.state === "DEPLOYING")) {
      // The CR's own deployment did ship and is now undone: its outcome becomes a manual rollback.
      const shipped = await tx.deployment.findFirst({ where: { crId: cr.id, kind: "DEPLOY", outcome: "SUCCEEDED" }, orderBy: { startedAt: "desc" } });
      if (shipped) {
        await tx.deployment.update({
          where: { id: shipped.id },
          data: { outcome: "ROLLED_BACK", state: "ROLLED_BACK", rollbackKind: "MANUAL", issueDetectedAt: startedAt, finishedAt, reason: `Rolled back by hand by ${actor.name}` },
        });
        await tx.deploymentEvent.create({ data: { deploymentId: shipped.id, kind: "MANUAL_ROLLBACK", message: `${actor.name} rolled the alias back to version ${input.targetVersion}` } });
      }
      await applyTransition(tx, actor, cr, "rollBack", {}, { rollbackDeploymentId: rollback.id });
    }
    await writeAudit(tx, {
      actor: auditActor(actor),
      action: "deployment.manual-rollback",
      entityType: "Deployment",
      entityId: rollback.id,
      crId: cr?.id ?? null,
      before: { alias: before },
      after: { alias: `version ${input.targetVersion}`, service: service.name },
    });
    return rollback;
  });
}
