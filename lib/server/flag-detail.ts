import "server-only";
// The flag page's read model: the row, what SSM Parameter Store holds now (a version Changegate did
// not write is drift: recorded once per version, and said plainly), the full history (Changegate's
// record beside SSM's own version list), its change requests and rollouts, and which of the
// production gate's buttons this person gets.
import type { Actor } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";
import { isAwsGatewayError, type ParameterVersionInfo } from "@/lib/aws";
import { db } from "@/lib/db";
import { describeFlag, parseParameterValue, type FlagConfig } from "@/lib/domain/flag-config";
import { mayRequest, person, whoMayText } from "@/lib/domain/production-gate";
import { AppError } from "@/lib/errors";
import { flagLockKey } from "./apply-flag-change";
import { awsGateways } from "./aws";
import { recordFlagDrift } from "./flag-writes";
import { getActivePolicy } from "./policy-store";

/** A stored configuration (or a drift entry's `holds`) in words. */
export function describeStored(json: unknown): string | null {
  if (!json || typeof json !== "object") return null;
  const o = json as Record<string, unknown>;
  if (typeof o.holds === "string") return o.holds;
  if (typeof o.enabled !== "boolean") return null;
  return describeFlag({ enabled: o.enabled, percentage: Number(o.percentage ?? 0), allowlist: Array.isArray(o.allowlist) ? (o.allowlist as string[]) : [] });
}

async function readSsm(name: string) {
  const ssm = awsGateways().ssm;
  try {
    const [current, versions] = await Promise.all([ssm.getParameter(name), ssm.history(name)]);
    return { current, versions, error: null };
  } catch (e) {
    if (isAwsGatewayError(e)) return { current: null, versions: [] as ParameterVersionInfo[], error: `Could not read ${name} from SSM Parameter Store: ${e.message}` };
    throw e;
  }
}

export async function getFlagDetail(actor: Actor, id: string) {
  const flag = await db.featureFlag.findUnique({
    where: { id },
    include: { service: { select: { id: true, name: true, functionName: true, alias: true, onCallUserId: true, onCallUser: { select: { name: true } } } }, owner: { select: { name: true } } },
  });
  if (!flag) throw new AppError("NOT_FOUND", "There is no flag with this id.");
  const ssm = await readSsm(flag.parameterName);
  const holds = ssm.current ? parseParameterValue(ssm.current.value) : null;
  let drift: { version: number | null; holds: string } | null = null;
  if (!ssm.error && (ssm.current?.version ?? null) !== flag.parameterVersion) {
    drift = { version: ssm.current?.version ?? null, holds: ssm.current ? (holds ? describeFlag(holds) : "a value that is not a flag") : "nothing (the parameter was deleted)" };
    await recordFlagDrift(flag.id, { version: drift.version, describe: drift.holds });
  }
  const [changes, crs, rollouts, lastGood, { policy }] = await Promise.all([
    db.flagChange.findMany({ where: { flagId: id }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 200 }),
    db.changeRequest.findMany({ where: { flagId: id }, orderBy: { createdAt: "desc" }, take: 20, select: { id: true, number: true, state: true, summary: true, createdAt: true } }),
    db.deployment.findMany({
      where: { flagId: id },
      orderBy: { startedAt: "desc" },
      take: 20,
      select: { id: true, state: true, fromVersion: true, toVersion: true, startedAt: true, finishedAt: true, reason: true, activeLock: true, currentWeight: true, flagTo: true },
    }),
    db.deployment.findFirst({ where: { flagId: id, kind: "FLAG_ROLLOUT", outcome: "SUCCEEDED" }, orderBy: { finishedAt: "desc" }, select: { requesterId: true } }),
    getActivePolicy(),
  ]);
  const running = rollouts.find((r) => r.activeLock === flagLockKey(flag.id)) ?? null;
  const relations = { requester: lastGood?.requesterId === actor.id, onCall: flag.service.onCallUserId === actor.id };
  const config: FlagConfig = { enabled: flag.enabled, percentage: flag.percentage, allowlist: flag.allowlist };
  const ours = new Set(changes.filter((c) => c.kind !== "DRIFT" && c.kind !== "IMPORTED" && c.parameterVersion !== null).map((c) => c.parameterVersion));
  return {
    flag,
    config,
    ssm: {
      error: ssm.error,
      version: ssm.current?.version ?? null,
      lastModified: ssm.current?.lastModified ?? null,
      holds: holds ? describeFlag(holds) : null,
      drift,
      // SSM's own list of versions, newest first, with who wrote each and whether it was Changegate.
      versions: ssm.versions
        .map((v) => ({ version: v.version, at: v.lastModified, user: v.lastModifiedUser, holds: describeStoredValue(v.value), ours: ours.has(v.version) }))
        .reverse(),
    },
    history: changes.map((c) => ({ id: c.id.toString(), at: c.at, kind: c.kind, actor: c.actorLabel, before: describeStored(c.before), after: describeStored(c.after), reason: c.reason, crId: c.crId, deploymentId: c.deploymentId, version: c.parameterVersion })),
    crs,
    rollouts,
    running,
    can: {
      propose: can(actor, "change:create") && !running,
      kill: mayRequest("FLAG_KILL", person(actor), relations),
    },
    killWho: whoMayText("FLAG_KILL"),
    integerPercentages: policy.flags.integerPercentages,
    zone: policy.timeZone,
  };
}
export type FlagDetail = Awaited<ReturnType<typeof getFlagDetail>>;

function describeStoredValue(value: string): string {
  const c = parseParameterValue(value);
  return c ? describeFlag(c) : "not a flag";
}
