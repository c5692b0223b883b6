import "server-only";
// Registers a feature flag of a service: the parameter it lives in is created off (0 %, nobody
// allowlisted), or — when a parameter in the seed's shape already exists there — imported as it is,
// since it is already what production reads. Either way the row records the SSM version it saw.
import type { Actor } from "@/lib/auth/permissions";
import { isAwsGatewayError } from "@/lib/aws";
import { db } from "@/lib/db";
import { parameterNameFor, parseParameterValue, toParameterValue, type FlagConfig } from "@/lib/domain/flag-config";
import { AppError } from "@/lib/errors";
import { registerFlagSchema } from "@/lib/schemas/flag";
import { auditActor, writeAudit } from "./audit";
import { awsGateways } from "./aws";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";
import { isUniqueViolation } from "./prisma-errors";

const OFF: FlagConfig = { enabled: false, percentage: 0, allowlist: [] };

export async function registerFlag(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "change:create", "Your roles do not allow registering flags.");
  const v = parseOrThrow(registerFlagSchema, input);
  const service = await db.service.findUnique({ where: { id: v.serviceId } });
  if (!service || service.archived) throw new AppError("VALIDATION", "Choose a service from the registry.", { fields: { serviceId: "No such service" } });
  const parameterName = parameterNameFor(v.environment, v.name);
  if (await db.featureFlag.findUnique({ where: { parameterName } })) {
    throw new AppError("CONFLICT", `A flag already lives at ${parameterName}.`, { fields: { name: "Already registered" } });
  }
  const ssm = awsGateways().ssm;
  let config = OFF;
  let version: number;
  let imported = false;
  try {
    const existing = await ssm.getParameter(parameterName);
    if (existing) {
      const parsed = parseParameterValue(existing.value);
      if (!parsed) throw new AppError("VALIDATION", `${parameterName} exists but does not hold a flag in the seed's JSON shape ({"enabled", "percentage", "whitelist", …}); fix or delete it first.`, { fields: { name: "Parameter exists and is not a flag" } });
      config = parsed;
      version = existing.version;
      imported = true;
    } else {
      const value = toParameterValue(OFF, { description: v.description, stickiness: v.stickiness, createdAt: now, createdBy: actor.name });
      version = (await ssm.putParameter(parameterName, value, { expectedVersion: null, description: v.description })).version;
    }
  } catch (e) {
    if (isAwsGatewayError(e)) throw new AppError("UPSTREAM", `SSM Parameter Store refused ${parameterName}: ${e.message}`);
    throw e;
  }
  try {
    return await db.$transaction(async (tx) => {
      const flag = await tx.featureFlag.create({
        data: {
          serviceId: service.id,
          environment: v.environment,
          name: v.name,
          parameterName,
          description: v.description,
          ownerId: actor.id,
          risk: v.risk,
          stickiness: v.stickiness,
          ...config,
          parameterVersion: version,
          createdBy: actor.name,
          createdAt: now,
        },
      });
      await tx.flagChange.create({
        data: { flagId: flag.id, kind: imported ? "IMPORTED" : "CREATED", actorId: actor.id, actorLabel: actor.name, after: { ...config }, parameterVersion: version, at: now },
      });
      await writeAudit(tx, { actor: auditActor(actor), action: imported ? "flag.imported" : "flag.created", entityType: "FeatureFlag", entityId: flag.id, after: { parameterName, ...config, version } });
      return flag;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `A flag named ${v.name} already exists for this service and environment.`, { fields: { name: "Already registered" } });
    throw e;
  }
}
