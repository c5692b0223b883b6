import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { serviceSchema, type ServiceInput } from "@/lib/schemas/admin";
import { Prisma, type Service } from "@/generated/prisma/client";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { isUniqueViolation } from "./prisma-errors";
import { assertCan } from "./guard";
import { isAwsGatewayError } from "@/lib/aws";
import { awsProblemWords } from "@/lib/domain/aws-problem-words";
import { awsGateways } from "./aws";
import { readEcsRegistration } from "./ecs-registration";

/**
 * The version the alias serves as the service is registered: known-good, so a rollback may return to
 * it. An alias that is splitting traffic has no single such version.
 */
export async function registeredBaseline(functionName: string, alias: string): Promise<string | null> {
  try {
    const a = await awsGateways().lambda.getAlias(functionName, alias);
    return Object.keys(a.additionalVersionWeights).length === 0 ? a.functionVersion : null;
  } catch (e) {
    if (isAwsGatewayError(e, "NOT_FOUND")) {
      if (!(await functionExists(functionName))) {
        throw new AppError("VALIDATION", `AWS Lambda has no function named ${functionName}; check the name (it is case-sensitive) and the region, or create the function first.`, {
          fields: { functionName: "No such Lambda function" },
        });
      }
      throw new AppError("VALIDATION", `Lambda has no alias ${alias} on function ${functionName}; create it first.`, { fields: { alias: "No such alias" } });
    }
    if (isAwsGatewayError(e)) throw new AppError("UPSTREAM", awsProblemWords(e.kind, { kind: "LAMBDA", functionName, alias }));
    throw e;
  }
}

/** GetAlias says "not found" for a missing function and a missing alias alike; listing versions tells them apart. */
async function functionExists(functionName: string): Promise<boolean> {
  try {
    await awsGateways().lambda.listVersions(functionName);
    return true;
  } catch (e) {
    if (isAwsGatewayError(e, "NOT_FOUND")) return false;
    throw e;
  }
}

/** The columns that say what the entry deploys: a Lambda alias, or an ECS service and its configuration. */
async function deployTarget(v: ServiceInput, existing: Service | null) {
  const functionName = v.kind === "ECS" ? v.ecsService : v.functionName;
  const alias = v.kind === "ECS" ? v.cluster : v.alias;
  const retargeted = !existing || existing.kind !== v.kind || existing.functionName !== functionName || existing.alias !== alias;
  if (v.kind === "ECS") {
    const r = await readEcsRegistration(v, retargeted);
    return { kind: v.kind, functionName, alias, targetGroup: r.targetGroup, ecsConfig: { ...r.ecsConfig }, baselineVersion: retargeted ? r.baselineVersion : existing.baselineVersion };
  }
  const baselineVersion = retargeted ? await registeredBaseline(functionName, alias) : existing.baselineVersion;
  return { kind: v.kind, functionName, alias, targetGroup: null, ecsConfig: Prisma.DbNull, baselineVersion };
}

/** Creates or updates a registry entry; the owner team is created on first use. */
export async function saveService(actor: Actor, input: unknown) {
  assertCan(actor, "admin:services");
  const v = parseOrThrow(serviceSchema, input);
  const existing = v.id ? await db.service.findUnique({ where: { id: v.id } }) : null;
  const target = await deployTarget(v, existing);
  try {
    return await db.$transaction(async (tx) => {
      if (v.onCallUserId && !(await tx.user.findUnique({ where: { id: v.onCallUserId } }))) {
        throw new AppError("VALIDATION", "Unknown on-call engineer.", { fields: { onCallUserId: "Choose an existing user" } });
      }
      const teamChannel = v.teamSlackChannel === undefined ? {} : { slackChannel: v.teamSlackChannel };
      const team = await tx.team.upsert({ where: { name: v.team }, create: { name: v.team, ...teamChannel }, update: teamChannel });
      const data = { name: v.name, teamId: team.id, awsRegion: v.awsRegion, onCallUserId: v.onCallUserId ?? null, slackChannel: v.slackChannel, ...(v.alarmNames === undefined ? {} : { alarmNames: v.alarmNames }), ...target };
      const before = v.id ? await tx.service.findUnique({ where: { id: v.id } }) : null;
      if (v.id && !before) throw new AppError("NOT_FOUND", "Service not found.");
      const service = v.id ? await tx.service.update({ where: { id: v.id }, data }) : await tx.service.create({ data });
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: v.id ? "service.updated" : "service.created",
        entityType: "Service",
        entityId: service.id,
        before,
        after: service,
      });
      return service;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError("CONFLICT", "A service with this name, or this region/function/alias (ECS: region/service/cluster), already exists.", { fields: { name: "Already registered" } });
    }
    throw e;
  }
}

export async function listServicesForAdmin(actor: Actor) {
  assertCan(actor, "admin:services");
  const [services, users] = await Promise.all([
    db.service.findMany({ orderBy: { name: "asc" }, include: { team: true, onCallUser: { select: { id: true, name: true } } } }),
    db.user.findMany({ where: { disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { services, users };
}
