import "server-only";
// The kill switch: a flag off, at once, by the people who may roll back (the requester of the change
// the flag serves, the service's on-call engineer, SREs, admins), with a reason. No approval — off is
// the safe direction — but the production gate decides who, and the write is recorded. A rollout of
// the flag that is running stops: its change is rolled back. A parameter changed outside Changegate
// is still turned off (that is what the switch is for), keeping the rest of what it holds, and the
// record says what it found.
import type { Actor } from "@/lib/auth/permissions";
import { isAwsGatewayError, type SsmGateway } from "@/lib/aws";
import { db } from "@/lib/db";
import { describeFlag, parseParameterValue, toParameterValue, type FlagConfig } from "@/lib/domain/flag-config";
import { decideProductionChange, person } from "@/lib/domain/production-gate";
import { AppError } from "@/lib/errors";
import { killFlagSchema } from "@/lib/schemas/flag";
import { auditActor } from "./audit";
import { awsGateways } from "./aws";
import { parseOrThrow } from "./change-input";
import { finishDeployment } from "./finish-deployment";
import { recordFlagDrift, recordFlagWrite } from "./flag-writes";
import { flagLockKey } from "./apply-flag-change";

/** Who the flag's "requester" is for the kill switch: whoever requested the change it now serves. */
export async function currentRequester(flagId: string): Promise<string | null> {
  const last = await db.deployment.findFirst({ where: { flagId, kind: "FLAG_ROLLOUT", outcome: "SUCCEEDED" }, orderBy: { finishedAt: "desc" }, select: { requesterId: true } });
  return last?.requesterId ?? null;
}

export async function killFlag(actor: Actor, input: unknown, opts: { ssm?: SsmGateway } = {}) {
  const v = parseOrThrow(killFlagSchema, input);
  const flag = await db.featureFlag.findUnique({ where: { id: v.flagId }, include: { service: true } });
  if (!flag) throw new AppError("NOT_FOUND", "Flag not found.");
  const ssm = opts.ssm ?? awsGateways().ssm;
  let found;
  try {
    found = await ssm.getParameter(flag.parameterName);
  } catch (e) {
    if (isAwsGatewayError(e)) throw new AppError("UPSTREAM", `Could not read ${flag.parameterName} from SSM Parameter Store: ${e.message}`);
    throw e;
  }
  const holds = found ? parseParameterValue(found.value) : null;
  const decision = decideProductionChange(person(actor), {
    action: "FLAG_KILL",
    relations: { requester: (await currentRequester(flag.id)) === actor.id, onCall: flag.service.onCallUserId === actor.id },
    reason: v.reason,
    alreadyOff: holds !== null && !holds.enabled,
  });
  if (!decision.allowed) throw new AppError(decision.forbidden ? "FORBIDDEN" : "CONFLICT", decision.forbidden ? decision.reasons[0]! : `Cannot turn flag ${flag.name} off: ${decision.reasons.join("; ")}.`);
  if (found && found.version !== flag.parameterVersion) await recordFlagDrift(flag.id, { version: found.version, describe: holds ? describeFlag(holds) : "a value that is not a flag" });

  const off: FlagConfig = { ...(holds ?? { percentage: flag.percentage, allowlist: flag.allowlist }), enabled: false };
  const value = toParameterValue(off, { description: flag.description, stickiness: flag.stickiness, createdAt: flag.createdAt, createdBy: flag.createdBy });
  let written;
  try {
    written = await ssm.putParameter(flag.parameterName, value, { expectedVersion: found?.version ?? null, description: flag.description.slice(0, 1024) });
  } catch (e) {
    if (isAwsGatewayError(e)) throw new AppError(e.kind === "PARAMETER_CHANGED" ? "CONFLICT" : "UPSTREAM", `The kill switch could not write ${flag.parameterName}: ${e.message} Try again.`);
    throw e;
  }
  // A running rollout of the flag ends here: its writes would turn the flag back on.
  const rollout = await db.deployment.findFirst({ where: { activeLock: flagLockKey(flag.id) } });
  if (rollout) {
    await db.deployment.update({ where: { id: rollout.id }, data: { rollbackKind: "MANUAL", issueDetectedAt: new Date() } });
    await finishDeployment(rollout.id, "ROLLED_BACK", { reason: `Kill switch by ${actor.name}: ${v.reason}`, currentWeight: 0, message: `${actor.name} turned the flag off with the kill switch: ${v.reason}` });
  }
  await recordFlagWrite({ flagId: flag.id, config: off, version: written.version, kind: "KILLED", actor: auditActor(actor), reason: v.reason, crId: rollout?.crId ?? null, deploymentId: rollout?.id ?? null });
  return { flagId: flag.id, version: written.version, stoppedRollout: rollout?.id ?? null };
}
