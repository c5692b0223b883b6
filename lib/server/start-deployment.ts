import "server-only";
// startDeployment: the one way a CR's deploy begins (button, API, tests). The production gate decides
// twice: once before writing anything (cheap refusal), and again inside the transaction that creates
// the deployment, with the CR row locked and readiness re-read, so nothing approved-then-revoked in
// between slips through. The unique activeLock per alias makes a second concurrent deploy to the same
// alias impossible. The target's code is read from Lambda and must be the code pinned at submission.
import { db, inTx, readDb, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { parseTaskDefinition, type EcsGateway, type LambdaGateway } from "@/lib/aws";
import { decideProductionChange, person, type Decision, type GateActor } from "@/lib/domain/production-gate";
import { buildTrafficPlan, describePlan } from "@/lib/domain/traffic-plan";
import { strategyWords } from "@/lib/domain/strategy-names";
import type { Readiness } from "@/lib/domain/readiness";
import { kickDeployment } from "@/lib/deploy";
import { AppError } from "@/lib/errors";
import { applyTransition } from "./apply-transition";
import { assertTokenScope, tokenLabel, type CiToken } from "./api-tokens";
import { writeAudit, auditActor, type AuditActor } from "./audit";
import { awsGateways } from "./aws";
import { getChangeReadiness } from "./change-readiness";
import { findChangeByRefOrThrow } from "./record-gate-result";
import { isUniqueViolation } from "./prisma-errors";
import { readLive, type TargetService } from "./live-target";
import { liveCodeSha } from "./target-pin";
import { notifyDeploymentStarted } from "./deployment-notices";
import { deployedCommitOf } from "./deployed-commit";

export interface StartOptions {
  lambda?: LambdaGateway;
  ecs?: EcsGateway;
  now?: Date;
  /** false: leave the first tick to the workers' sweeper (tests that drive ticks by hand). */
  enqueue?: boolean;
}

/**
 * One production change starts per service at a time: a deploy and a flag rollout (whose gates watch
 * the same alias) lock the service row in the transaction that records them, so two cannot both pass.
 */
export async function lockServiceStarts(tx: Tx, serviceId: string): Promise<void> {
  await inTx(tx, readDb.selectFrom("Service").select("id").where("id", "=", serviceId).forUpdate());
}

export function aliasLockKey(s: { awsRegion: string; functionName: string; alias: string }): string {
  return `${s.awsRegion}:${s.functionName}:${s.alias}`;
}

function refused(decision: Extract<Decision, { allowed: false }>): AppError {
  if (decision.forbidden) return new AppError("FORBIDDEN", decision.reasons[0]!);
  return new AppError("NOT_READY", `This change may not deploy yet: ${decision.reasons.join("; ")}.`, { details: { missing: decision.reasons } });
}

/** Who starts it: a person (the button, the model) or a pipeline's CI token (the API). */
interface Starter {
  gate: GateActor;
  /** The person, or null for a token (the change's requester is then told it started). */
  userId: string | null;
  name: string;
  auditor: AuditActor;
  inTokenScope?: (serviceId: string) => boolean;
}

export function startDeployment(actor: Actor, crId: string, opts: StartOptions = {}) {
  return start({ gate: person(actor), userId: actor.id, name: actor.name, auditor: auditActor(actor) }, crId, opts);
}

/** A pipeline starts a ready change's deployment (POST /api/v1/changes/{ref}/deploy); the gate decides as for a person. */
export async function startDeploymentFromCi(token: CiToken, ref: string, opts: StartOptions = {}) {
  const cr = await findChangeByRefOrThrow(ref);
  assertTokenScope(token, cr.serviceId);
  const label = tokenLabel(token);
  return start({ gate: { kind: "ci", tokenId: token.id }, userId: null, name: label, auditor: { id: null, label }, inTokenScope: (id) => token.serviceIds.includes(id) }, cr.id, opts);
}

async function start(starter: Starter, crId: string, opts: StartOptions) {
  const now = opts.now ?? new Date();
  const cr = await db.changeRequest.findUnique({ where: { id: crId }, include: { service: true } });
  if (!cr) throw new AppError("NOT_FOUND", "Change request not found.");
  const { service } = cr;
  const lambda = opts.lambda ?? awsGateways().lambda;
  const live = await readTarget(service, cr.targetVersion, { lambda, ecs: opts.ecs });
  const decide = (readiness: Readiness, pinned: string | null) =>
    decideProductionChange(starter.gate, {
      action: "DEPLOY_START",
      relations: { requester: starter.userId !== null && cr.requesterId === starter.userId, onCall: false, inTokenScope: starter.inTokenScope?.(cr.serviceId) ?? false },
      readiness,
      targetVersion: cr.targetVersion,
      code: { pinned, live: live.code },
      live: { version: live.version, splitting: live.splitting },
      targetKind: service.kind,
    });
  const first = decide((await getChangeReadiness(crId, now)).readiness, cr.targetCodeSha256);
  if (!first.allowed) throw refused(first);
  // ECS rolls out by itself after one update: the plan is that one step (see lib/deploy/ecs-target.ts).
  const plan = service.kind === "ECS" ? { steps: [{ weight: 1, waitSeconds: 0 }] } : buildTrafficPlan(cr.strategy, cr.customPlan ?? undefined);
  const where = `${service.functionName}:${service.alias}`;

  let deployment;
  try {
    deployment = await db.$transaction(
      async (tx) => {
        await inTx(tx, readDb.selectFrom("ChangeRequest").select("id").where("id", "=", crId).forUpdate());
        await lockServiceStarts(tx, service.id);
        const fresh = await tx.changeRequest.findUniqueOrThrow({ where: { id: crId } });
        // The target is part of what was decided: an edit in between is a different change.
        if (fresh.targetVersion !== cr.targetVersion || fresh.serviceId !== cr.serviceId) {
          throw new AppError("STALE", `${cr.number}'s target changed a moment ago. Reload and try again.`);
        }
        const again = decide((await getChangeReadiness(crId, now, tx)).readiness, fresh.targetCodeSha256);
        if (!again.allowed) throw refused(again);
        const d = await createDeploymentRow(tx, starter.userId, fresh, service, live, plan.steps, now);
        const how = service.kind === "ECS" ? "a rolling update" : `${strategyWords(cr.strategy)} (${describePlan(plan)})`;
        await tx.deploymentEvent.create({
          data: { deploymentId: d.id, at: now, kind: "STARTED", message: `${starter.name} started ${how}: ${live.version} → ${cr.targetVersion}` },
        });
        await applyTransition(tx, starter.auditor, fresh, "startDeploy", "PRODUCTION_GATE", {}, { deploymentId: d.id });
        await writeAudit(tx, {
          actor: starter.auditor,
          action: "deployment.start",
          entityType: "Deployment",
          entityId: d.id,
          crId,
          after: { fromVersion: d.fromVersion, toVersion: d.toVersion, strategy: cr.strategy, plan: plan.steps, code: live.code, revision: live.revision },
        });
        await notifyDeploymentStarted(tx, d, starter.userId);
        return d;
      },
      // Pipelines start many deployments at once: with Prisma's 2 s default wait for a pooled
      // connection, 15 concurrent starts on one loaded web process failed with P2028 (500s).
      { maxWait: 15_000, timeout: 15_000 },
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `Another deployment is already running on ${where}; wait for it to finish.`);
    throw e;
  }
  if (opts.enqueue !== false) await kickDeployment(deployment.id);
  return deployment;
}

async function createDeploymentRow(
  tx: Tx,
  startedById: string | null,
  cr: { id: string; requesterId: string; targetVersion: string; strategy: string; commitSha: string | null; commitTime: Date | null },
  service: { id: string; awsRegion: string; functionName: string; alias: string },
  live: { version: string; revision: string },
  steps: unknown,
  startedAt: Date,
) {
  return tx.deployment.create({
    data: {
      kind: "DEPLOY",
      crId: cr.id,
      serviceId: service.id,
      awsRegion: service.awsRegion,
      functionName: service.functionName,
      alias: service.alias,
      fromVersion: live.version,
      toVersion: cr.targetVersion,
      strategy: cr.strategy,
      plan: steps as object,
      // The revision the deployment starts from: any other writer after this is a foreign change.
      aliasRevisionId: live.revision,
      activeLock: aliasLockKey(service),
      requesterId: cr.requesterId,
      startedById,
      startedAt,
      // Lead time starts at the earliest commit CI reported for this version, else the CR's (deployed-commit.ts).
      ...(await deployedCommitOf(tx, cr)),
    },
  });
}

/** What the target serves now (its revision to write over) and the code identity of the version to deploy. */
async function readTarget(service: TargetService, version: string, gw: { lambda: LambdaGateway; ecs?: EcsGateway }) {
  const [live, code] = await Promise.all([readLive(service, gw), liveCode(service, version, gw)]);
  return { ...live, code };
}

async function liveCode(service: TargetService, version: string, gw: { lambda: LambdaGateway; ecs?: EcsGateway }): Promise<string | null> {
  if (service.kind !== "ECS") return liveCodeSha(service.functionName, version, gw.lambda);
  const ecs = gw.ecs ?? awsGateways().ecs;
  const running = parseTaskDefinition((await ecs.describeService(service.alias, service.functionName)).primary.taskDefinition).family;
  const td = await ecs.describeTaskDefinition(version).catch(() => null);
  return td && td.family === running ? `taskdef:${td.arn}` : null;
}
