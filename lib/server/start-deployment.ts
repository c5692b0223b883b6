import "server-only";
// startDeployment: the one way a CR's deploy begins (button, API, tests). Readiness is checked
// twice: once before touching AWS (cheap refusal), and again inside the transaction that creates the
// deployment, with the CR row locked, so nothing approved-then-revoked in between slips through.
// The unique activeLock per alias makes a second concurrent deploy to the same alias impossible.
import { db } from "@/lib/db";
import { hasRole, type Actor } from "@/lib/auth/permissions";
import type { LambdaGateway } from "@/lib/aws";
import { buildTrafficPlan, describePlan } from "@/lib/domain/traffic-plan";
import type { Readiness } from "@/lib/domain/readiness";
import { kickDeployment } from "@/lib/deploy/queue";
import { AppError } from "@/lib/errors";
import { applyTransition } from "./apply-transition";
import { writeAudit, auditActor } from "./audit";
import { awsGateways } from "./aws";
import { getChangeReadiness } from "./change-readiness";
import { assertCan } from "./guard";
import { isUniqueViolation } from "./prisma-errors";

export interface StartOptions {
  lambda?: LambdaGateway;
  now?: Date;
  /** false: leave the first tick to the workers' sweeper (tests that drive ticks by hand). */
  enqueue?: boolean;
}

export function aliasLockKey(s: { awsRegion: string; functionName: string; alias: string }): string {
  return `${s.awsRegion}:${s.functionName}:${s.alias}`;
}

function notReady(r: Readiness): AppError {
  const missing = r.ready ? [] : r.missing.map((m) => m.message);
  return new AppError("NOT_READY", `This change may not deploy yet: ${missing.join("; ")}.`, { details: { missing } });
}

export async function startDeployment(actor: Actor, crId: string, opts: StartOptions = {}) {
  assertCan(actor, "deploy:start");
  const now = opts.now ?? new Date();
  const cr = await db.changeRequest.findUnique({ where: { id: crId }, include: { service: true } });
  if (!cr) throw new AppError("NOT_FOUND", "Change request not found.");
  if (cr.requesterId !== actor.id && !hasRole(actor, "SRE") && !hasRole(actor, "ADMIN")) {
    throw new AppError("FORBIDDEN", "Only the change's requester, an SRE or an admin may start its deployment.");
  }
  const first = await getChangeReadiness(crId, now);
  if (!first.readiness.ready) throw notReady(first.readiness);
  const plan = buildTrafficPlan(cr.strategy, cr.customPlan ?? undefined);

  const { service } = cr;
  const lambda = opts.lambda ?? awsGateways().lambda;
  const alias = await lambda.getAlias(service.functionName, service.alias);
  const where = `${service.functionName}:${service.alias}`;
  if (Object.keys(alias.additionalVersionWeights).length > 0) {
    throw new AppError("CONFLICT", `${where} is already splitting traffic (${JSON.stringify(alias.additionalVersionWeights)}); finish or roll that back first.`);
  }
  let toVersion = cr.targetVersion;
  if (toVersion === "$LATEST") {
    toVersion = (await lambda.publishVersion(service.functionName, { description: `${cr.number}: ${cr.summary}`.slice(0, 256) })).version;
  } else {
    const versions = await lambda.listVersions(service.functionName);
    if (!versions.some((v) => v.version === toVersion)) {
      throw new AppError("VALIDATION", `Version ${toVersion} of ${service.functionName} does not exist; publish it or change the CR's target.`, {
        fields: { targetVersion: "No such version" },
      });
    }
  }
  if (toVersion === alias.functionVersion) throw new AppError("VALIDATION", `${where} already serves version ${toVersion}.`);

  let deployment;
  try {
    deployment = await db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "ChangeRequest" WHERE id = ${crId} FOR UPDATE`;
        const again = await getChangeReadiness(crId, now, tx);
        if (!again.readiness.ready) throw notReady(again.readiness);
        const fresh = await tx.changeRequest.findUniqueOrThrow({ where: { id: crId } });
        const d = await tx.deployment.create({
          data: {
            kind: "DEPLOY",
            crId,
            serviceId: service.id,
            awsRegion: service.awsRegion,
            functionName: service.functionName,
            alias: service.alias,
            fromVersion: alias.functionVersion,
            toVersion,
            strategy: cr.strategy,
            plan: plan.steps as unknown as object,
            aliasRevisionId: alias.revisionId,
            activeLock: aliasLockKey(service),
            requesterId: cr.requesterId,
            startedById: actor.id,
            commitSha: cr.commitSha,
            commitTime: cr.commitTime,
          },
        });
        await tx.deploymentEvent.create({
          data: { deploymentId: d.id, kind: "STARTED", message: `${actor.name} started ${cr.strategy} (${describePlan(plan)}): version ${alias.functionVersion} → ${toVersion}` },
        });
        await applyTransition(tx, actor, fresh, "startDeploy", {}, { deploymentId: d.id });
        await writeAudit(tx, {
          actor: auditActor(actor),
          action: "deployment.start",
          entityType: "Deployment",
          entityId: d.id,
          crId,
          after: { fromVersion: d.fromVersion, toVersion, strategy: cr.strategy, plan: plan.steps },
        });
        return d;
      },
      { timeout: 15_000 },
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `Another deployment is already running on ${where}; wait for it to finish.`);
    throw e;
  }
  if (opts.enqueue !== false) await kickDeployment(deployment.id);
  return deployment;
}
