import "server-only";
// Applying an approved flag change: the production gate decides (readiness of the change, who
// applies it, the flag's parameter still at the version the change was decided against, no other
// rollout of the flag running) twice — before and inside the transaction that records the rollout —
// and the orchestrator then publishes its steps, watching the service's gates at each hold, and puts
// the flag back to its last good state when a gate breaches (rollout-target.ts).
import type { Actor } from "@/lib/auth/permissions";
import { isAwsGatewayError, type SsmGateway } from "@/lib/aws";
import { db, inTx, readDb } from "@/lib/db";
import { describeFlag, rolloutSteps, type FlagConfig, type FlagTarget } from "@/lib/domain/flag-config";
import { decideProductionChange, person, type Decision } from "@/lib/domain/production-gate";
import type { Readiness } from "@/lib/domain/readiness";
import { kickDeployment } from "@/lib/deploy";
import { AppError } from "@/lib/errors";
import { applyTransition } from "./apply-transition";
import { auditActor, writeAudit } from "./audit";
import { awsGateways } from "./aws";
import { getChangeReadiness } from "./change-readiness";
import { isUniqueViolation } from "./prisma-errors";
import { lockServiceStarts } from "./start-deployment";

export const flagLockKey = (flagId: string) => `flag:${flagId}`;

function refused(d: Extract<Decision, { allowed: false }>): AppError {
  if (d.forbidden) return new AppError("FORBIDDEN", d.reasons[0]!);
  return new AppError("NOT_READY", `This flag change may not be applied yet: ${d.reasons.join("; ")}.`, { details: { missing: d.reasons } });
}

export async function applyFlagChange(actor: Actor, crId: string, opts: { ssm?: SsmGateway; now?: Date; enqueue?: boolean } = {}) {
  const now = opts.now ?? new Date();
  const cr = await db.changeRequest.findUnique({ where: { id: crId }, include: { flag: true, service: true } });
  if (!cr) throw new AppError("NOT_FOUND", "Change request not found.");
  const flag = cr.flag;
  if (!flag) throw new AppError("VALIDATION", `${cr.number} is not a flag change; deploy it instead.`);
  let live: number | null;
  try {
    live = (await (opts.ssm ?? awsGateways().ssm).getParameter(flag.parameterName))?.version ?? null;
  } catch (e) {
    if (isAwsGatewayError(e)) throw new AppError("UPSTREAM", `Could not read ${flag.parameterName} from SSM Parameter Store: ${e.message}`);
    throw e;
  }
  const decide = (readiness: Readiness, pinned: number | null, rolloutRunning: boolean) =>
    decideProductionChange(person(actor), { action: "FLAG_APPLY", relations: { requester: cr.requesterId === actor.id, onCall: false }, readiness, base: { pinned, live }, rolloutRunning });
  const running = async (client: Pick<typeof db, "deployment">) => (await client.deployment.count({ where: { activeLock: flagLockKey(flag.id) } })) > 0;
  const first = decide((await getChangeReadiness(crId, now)).readiness, cr.flagBaseVersion, await running(db));
  if (!first.allowed) throw refused(first);

  const target = cr.flagTarget as unknown as FlagTarget;
  const from: FlagConfig = { enabled: flag.enabled, percentage: flag.percentage, allowlist: flag.allowlist };
  const to: FlagConfig = { enabled: target.enabled, percentage: target.percentage, allowlist: target.allowlist };
  // Weights are shares of the target percentage: the last step is the target, weight 1.
  const plan = rolloutSteps(target).map((s) => ({ weight: target.percentage > 0 ? s.percentage / target.percentage : 1, waitSeconds: s.holdMinutes * 60 }));
  let rollout;
  try {
    rollout = await db.$transaction(async (tx) => {
      await inTx(tx, readDb.selectFrom("ChangeRequest").select("id").where("id", "=", crId).forUpdate());
      await lockServiceStarts(tx, cr.serviceId);
      const fresh = await tx.changeRequest.findUniqueOrThrow({ where: { id: crId } });
      const again = decide((await getChangeReadiness(crId, now, tx)).readiness, fresh.flagBaseVersion, await running(tx));
      if (!again.allowed) throw refused(again);
      const d = await tx.deployment.create({
        data: {
          kind: "FLAG_ROLLOUT",
          crId,
          serviceId: cr.serviceId,
          awsRegion: cr.service.awsRegion,
          // The gates watch the alias the flag's code runs behind.
          functionName: cr.service.functionName,
          alias: cr.service.alias,
          fromVersion: describeFlag(from),
          toVersion: describeFlag(to),
          strategy: "FLAG_ROLLOUT",
          plan,
          aliasRevisionId: live === null ? null : String(live),
          activeLock: flagLockKey(flag.id),
          flagId: flag.id,
          flagFrom: { ...from },
          flagTo: { ...to },
          requesterId: cr.requesterId,
          startedById: actor.id,
        },
      });
      await tx.deploymentEvent.create({ data: { deploymentId: d.id, kind: "STARTED", message: `${actor.name} started the rollout of flag ${flag.name}: ${describeFlag(from)} → ${describeFlag(to)} in ${plan.length} step${plan.length === 1 ? "" : "s"}` } });
      await applyTransition(tx, actor, fresh, "startDeploy", "PRODUCTION_GATE", {}, { deploymentId: d.id, flag: flag.name });
      await writeAudit(tx, { actor: auditActor(actor), action: "deployment.start", entityType: "Deployment", entityId: d.id, crId, after: { flag: flag.name, from, to, plan, parameterVersion: live } });
      return d;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `A rollout of flag ${flag.name} is already running.`);
    throw e;
  }
  if (opts.enqueue !== false) await kickDeployment(rollout.id);
  return rollout;
}
