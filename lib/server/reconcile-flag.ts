import "server-only";
// After a flag's parameter was changed outside Changegate, someone who may also turn it off accepts
// what SSM now holds as the flag's state (with a reason): nothing is written to SSM — production
// already is that way — but the record follows it, and new proposals are decided against it.
import type { Actor } from "@/lib/auth/permissions";
import { isAwsGatewayError } from "@/lib/aws";
import { db } from "@/lib/db";
import { describeFlag, parseParameterValue } from "@/lib/domain/flag-config";
import { mayRequest, person, whoMayText } from "@/lib/domain/production-gate";
import { AppError } from "@/lib/errors";
import { killFlagSchema } from "@/lib/schemas/flag";
import { auditActor, writeAudit } from "./audit";
import { awsGateways } from "./aws";
import { parseOrThrow } from "./change-input";
import { flagLockKey } from "./apply-flag-change";
import { currentRequester } from "./kill-flag";

export async function reconcileFlag(actor: Actor, input: unknown) {
  const v = parseOrThrow(killFlagSchema, input);
  const flag = await db.featureFlag.findUnique({ where: { id: v.flagId }, include: { service: true } });
  if (!flag) throw new AppError("NOT_FOUND", "Flag not found.");
  // The same people as the kill switch (the page shows both from the same predicate).
  if (!mayRequest("FLAG_KILL", person(actor), { requester: (await currentRequester(flag.id)) === actor.id, onCall: flag.service.onCallUserId === actor.id })) {
    throw new AppError("FORBIDDEN", whoMayText("FLAG_KILL").replace("The kill switch is", "Accepting a change made outside Changegate is"));
  }
  let found;
  try {
    found = await awsGateways().ssm.getParameter(flag.parameterName);
  } catch (e) {
    if (isAwsGatewayError(e)) throw new AppError("UPSTREAM", `Could not read ${flag.parameterName} from SSM Parameter Store: ${e.message}`);
    throw e;
  }
  if (!found) throw new AppError("CONFLICT", `${flag.parameterName} no longer exists; register the flag again.`);
  if (found.version === flag.parameterVersion) throw new AppError("CONFLICT", `Flag ${flag.name} holds what Changegate last wrote; there is nothing to accept.`);
  const config = parseParameterValue(found.value);
  if (!config) throw new AppError("CONFLICT", `${flag.parameterName} no longer holds a flag in the seed's shape; fix it in SSM first.`);
  if (await db.deployment.count({ where: { activeLock: flagLockKey(flag.id) } })) throw new AppError("CONFLICT", "A rollout of this flag is running; it stops by itself on the foreign change.");
  return db.$transaction(async (tx) => {
    const { count } = await tx.featureFlag.updateMany({ where: { id: flag.id, parameterVersion: flag.parameterVersion }, data: { ...config, parameterVersion: found.version } });
    if (count === 0) throw new AppError("STALE", "The flag changed a moment ago. Reload and try again.");
    const before = { enabled: flag.enabled, percentage: flag.percentage, allowlist: flag.allowlist };
    await tx.flagChange.create({
      data: { flagId: flag.id, kind: "ACCEPTED", actorId: actor.id, actorLabel: actor.name, before, after: { ...config }, reason: v.reason, parameterVersion: found.version },
    });
    await writeAudit(tx, { actor: auditActor(actor), action: "flag.drift-accepted", entityType: "FeatureFlag", entityId: flag.id, before, after: { ...config, parameterVersion: found.version, reason: v.reason } });
    return { flagId: flag.id, version: found.version, holds: describeFlag(config) };
  });
}
