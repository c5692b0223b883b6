// The orchestrator's own store: the deployment row, its timeline and its gate readings. Every write
// is conditional on the state the job read, so a second runner (or a job replayed after a crash)
// that acted on an old picture changes nothing.
//
// The per-tick reads and writes are plain SQL, one statement each: 50 deployments ticking at the
// same metric-period boundary made each ORM call (1.5–4 ms of query-compiler CPU, and an include
// read wrapped in BEGIN … COMMIT: four round trips) the bulk of a tick's run time. The ORM stays for
// the cold path. Ending a deployment moves its change request too, so that write is not here: it is
// the services' (DeploymentOutcomes in types.ts, lib/server/finish-deployment.ts).
import { AsyncLocalStorage } from "node:async_hooks";
import { db } from "@/lib/db";
import { Prisma, type DeploymentState } from "@/generated/prisma/client";
import type { GateVerdict, MetricReading } from "@/lib/domain/deploy-gates";
import type { DeploymentKind } from "@/lib/domain/vocabulary";

/** The row as a tick needs it, with the service's gate rules and the newest stored reading per scope. */
export interface LoadedDeployment {
  id: string;
  kind: DeploymentKind;
  crId: string | null;
  /** The change's state now: a step is taken only while it is Deploying. */
  crState: string | null;
  state: DeploymentState;
  awsRegion: string;
  functionName: string;
  alias: string;
  fromVersion: string;
  toVersion: string;
  plan: Prisma.JsonValue;
  paused: boolean;
  promoteNow: boolean;
  abortRequested: boolean;
  currentStep: number;
  currentWeight: number;
  stepStartedAt: Date | null;
  nextStepAt: Date | null;
  reason: string | null;
  /** The RevisionId of Changegate's last write to the alias (or of the read the deployment started from). */
  aliasRevisionId: string | null;
  startedAt: Date;
  /** alarmNames: the CloudWatch alarms the service lists as gates (lib/deploy/alarm-check.ts). */
  /** preTrafficHook/postTrafficHook: the hook functions a SAM template named (null: the <fn>-pre-traffic convention). */
  service: { gateRules: Prisma.JsonValue; name: string; kind: "LAMBDA" | "ECS"; ecsConfig: Prisma.JsonValue; targetGroup: string | null; alarmNames: string[]; preTrafficHook: string | null; postTrafficHook: string | null };
  /** A flag rollout's flag (the parameter it writes, the seed's metadata) and its configurations before and after. */
  flag: { id: string; name: string; parameterName: string; description: string; stickiness: string; createdAt: Date; createdBy: string } | null;
  flagFrom: Prisma.JsonValue;
  flagTo: Prisma.JsonValue;
  /** Newest gate reading stored per scope ("alias", "version N"): saveGateReadings skips older periods without asking. */
  lastReadingAt: Record<string, Date>;
}

type LoadedRow = Omit<LoadedDeployment, "service" | "lastReadingAt" | "flag"> & {
  serviceKind: "LAMBDA" | "ECS";
  ecsConfig: Prisma.JsonValue;
  targetGroup: string | null;
  alarmNames: string[];
  preTrafficHook: string | null;
  postTrafficHook: string | null;
  flag: (Omit<NonNullable<LoadedDeployment["flag"]>, "createdAt"> & { createdAt: string }) | null;
  gateRules: Prisma.JsonValue;
  serviceName: string;
  lastReadings: { scope: string; at: string }[] | null;
};


export async function loadDeployment(id: string): Promise<LoadedDeployment | null> {
  const rows = await db.$queryRaw<LoadedRow[]>`
    SELECT d.id, d.kind::text AS kind, d."crId", c.state::text AS "crState", d.state::text AS state, d."awsRegion", d."functionName", d.alias, d."fromVersion", d."toVersion",
           d.plan, d.paused, d."promoteNow", d."abortRequested", d."currentStep", d."currentWeight", d."stepStartedAt",
           d."nextStepAt", d.reason, d."aliasRevisionId", d."startedAt", s."gateRules", s.name AS "serviceName", s.kind::text AS "serviceKind", s."ecsConfig", s."targetGroup", s."alarmNames", s."preTrafficHook", s."postTrafficHook", d."flagFrom", d."flagTo",
           (SELECT json_build_object('id', f.id, 'name', f.name, 'parameterName', f."parameterName", 'description', f.description,
                   'stickiness', f.stickiness, 'createdAt', f."createdAt", 'createdBy', f."createdBy")
              FROM "FeatureFlag" f WHERE f.id = d."flagId") AS flag,
           (SELECT json_agg(json_build_object('scope', g.scope, 'at', g.at))
              FROM (SELECT scope, max(at) AS at FROM "GateReading" WHERE "deploymentId" = d.id GROUP BY scope) g) AS "lastReadings"
      FROM "Deployment" d JOIN "Service" s ON s.id = d."serviceId" LEFT JOIN "ChangeRequest" c ON c.id = d."crId"
     WHERE d.id = ${id}`;
  const r = rows[0];
  if (!r) return null;
  const { gateRules, serviceName, serviceKind, ecsConfig, targetGroup, alarmNames, preTrafficHook, postTrafficHook, lastReadings, flag, ...row } = r;
  return {
    ...row,
    flag: flag && { ...flag, createdAt: new Date(flag.createdAt) },
    service: { gateRules, name: serviceName, kind: serviceKind, ecsConfig, targetGroup, alarmNames: alarmNames ?? [], preTrafficHook, postTrafficHook },
    lastReadingAt: Object.fromEntries((lastReadings ?? []).map((g) => [g.scope, new Date(g.at)])),
  };
}

/** The columns a tick changes. */
export interface DeploymentPatch {
  state?: DeploymentState;
  currentStep?: number;
  currentWeight?: number;
  stepStartedAt?: Date | null;
  nextStepAt?: Date | null;
  aliasRevisionId?: string | null;
  reason?: string | null;
  rollbackKind?: string | null;
  issueDetectedAt?: Date | null;
  paused?: boolean;
}
const PATCH_COLUMNS: Record<keyof DeploymentPatch, true> = {
  state: true,
  currentStep: true,
  currentWeight: true,
  stepStartedAt: true,
  nextStepAt: true,
  aliasRevisionId: true,
  reason: true,
  rollbackKind: true,
  issueDetectedAt: true,
  paused: true,
};

function setClause(patch: DeploymentPatch): Prisma.Sql {
  const sets = [Prisma.sql`"updatedAt" = ${new Date()}::timestamptz`];
  for (const [key, value] of Object.entries(patch) as [keyof DeploymentPatch, unknown][]) {
    if (value === undefined || !PATCH_COLUMNS[key]) continue;
    const column = Prisma.raw(`"${key}"`);
    if (key === "state") sets.push(Prisma.sql`state = ${value}::"DeploymentState"`);
    else if (value instanceof Date) sets.push(Prisma.sql`${column} = ${value}::timestamptz`);
    else sets.push(Prisma.sql`${column} = ${value}`);
  }
  return Prisma.join(sets, ", ");
}

/** Applies `patch` only if the row is still in `state`; false when someone else moved it first. */
export async function updateDeploymentIf(id: string, state: DeploymentState, patch: DeploymentPatch): Promise<boolean> {
  const n = await db.$executeRaw`UPDATE "Deployment" SET ${setClause(patch)} WHERE id = ${id} AND state = ${state}::"DeploymentState"`;
  return n === 1;
}

export interface NewEvent {
  kind: string;
  message: string;
  data?: Record<string, unknown>;
}

/**
 * The clock a tick records its times on (DeployDeps.recordOnClock): set for the length of one tick
 * by advanceDeployment, so the store's writes need no clock argument each. Absent: the wall clock.
 */
const recording = new AsyncLocalStorage<() => Promise<Date>>();

export function recordingOn<T>(now: () => Promise<Date>, fn: () => Promise<T>): Promise<T> {
  return recording.run(now, fn);
}

/** Now, as the current tick records it. */
export async function recordedNow(): Promise<Date> {
  const now = recording.getStore();
  return now ? now() : new Date();
}

const eventData = (data: Record<string, unknown> | undefined) => (data === undefined ? null : JSON.stringify(data));

export async function addDeploymentEvent(deploymentId: string, kind: string, message: string, data?: Record<string, unknown>) {
  await db.$executeRaw`INSERT INTO "DeploymentEvent" ("deploymentId", at, kind, message, data)
    VALUES (${deploymentId}, ${await recordedNow()}::timestamptz, ${kind}, ${message}, ${eventData(data)}::jsonb)`;
}

/**
 * updateDeploymentIf and addDeploymentEvent in one statement: the event is written only if the row
 * moved, and both or neither land (a crash between them used to leave the step without its event).
 */
export async function updateDeploymentIfWithEvent(id: string, state: DeploymentState, patch: DeploymentPatch, event: NewEvent): Promise<boolean> {
  const n = await db.$executeRaw`
    WITH moved AS (UPDATE "Deployment" SET ${setClause(patch)} WHERE id = ${id} AND state = ${state}::"DeploymentState" RETURNING id)
    INSERT INTO "DeploymentEvent" ("deploymentId", at, kind, message, data)
    SELECT id, ${await recordedNow()}::timestamptz, ${event.kind}, ${event.message}, ${eventData(event.data)}::jsonb FROM moved`;
  return n === 1;
}

export async function countEvents(deploymentId: string, kind: string): Promise<number> {
  return db.deploymentEvent.count({ where: { deploymentId, kind } });
}

export async function lastEventData(deploymentId: string, kind: string): Promise<Record<string, unknown> | null> {
  const e = await db.deploymentEvent.findFirst({ where: { deploymentId, kind }, orderBy: { id: "desc" } });
  return (e?.data as Record<string, unknown> | null) ?? null;
}

/**
 * Stores the periods not stored yet for this scope; the breaching one carries its rule. Readings
 * without a datapoint are skipped: a chart of zeros would claim traffic was measured. `lastAt` is
 * what the tick loaded (no query when nothing is newer); the insert re-checks it, so a stale value
 * never stores a period twice.
 */
export async function saveGateReadings(
  deploymentId: string,
  scope: string,
  readings: readonly MetricReading[],
  verdict: GateVerdict,
  lastAt: Date | undefined,
  /** Another scope's readings stored in the same statement (the old version's, for comparison); it gates nothing. */
  also?: { scope: string; readings: readonly MetricReading[]; lastAt: Date | undefined },
) {
  const fresh = (rs: readonly MetricReading[], after: Date | undefined) => rs.filter((r) => r.invocations !== null && (!after || r.timestamp > after));
  const row = (s: string, v: GateVerdict) => (r: MetricReading) => ({
    at: r.timestamp.toISOString(),
    scope: s,
    invocations: r.invocations ?? 0,
    errors: r.errors ?? 0,
    throttles: r.throttles ?? 0,
    p99Ms: r.p99Ms,
    errorRate: r.invocations ? ((r.errors ?? 0) / r.invocations) * 100 : (r.errorRatePercent ?? null),
    breached: v.breached && v.reading?.timestamp.getTime() === r.timestamp.getTime() ? v.rule : null,
  });
  const rows = [...fresh(readings, lastAt).map(row(scope, verdict)), ...(also ? fresh(also.readings, also.lastAt).map(row(also.scope, { breached: false })) : [])];
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "GateReading" ("deploymentId", at, scope, invocations, errors, throttles, "p99Ms", "errorRate", breached)
    SELECT ${deploymentId}, r.at, r.scope, r.invocations, r.errors, r.throttles, r."p99Ms", r."errorRate", r.breached
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS r(at timestamptz(3), scope text, invocations float8, errors float8, throttles float8, "p99Ms" float8, "errorRate" float8, breached text)
     WHERE r.at > COALESCE((SELECT max(g.at) FROM "GateReading" g WHERE g."deploymentId" = ${deploymentId} AND g.scope = r.scope), '-infinity'::timestamptz)`;
}
