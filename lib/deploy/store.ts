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
import { sql, type Updateable } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import { db, readDb, writeIn } from "@/lib/db";
import type { Prisma, DeploymentState } from "@/generated/prisma/client";
import type { Deployment } from "@/generated/kysely/types";
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
  /** Since when the traffic the gates watch is the new version's alone (the orchestrator's clock); null before the first step. */
  trafficFrom: Date | null;
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

export async function loadDeployment(id: string): Promise<LoadedDeployment | null> {
  // On the read pool (pg directly): every tick of every deployment starts here.
  const r = await readDb
    .selectFrom("Deployment as d")
    .innerJoin("Service as s", "s.id", "d.serviceId")
    .leftJoin("ChangeRequest as c", "c.id", "d.crId")
    .select((eb) => [
      "d.id", "d.kind", "d.crId", "c.state as crState", "d.state", "d.awsRegion", "d.functionName", "d.alias", "d.fromVersion", "d.toVersion",
      "d.plan", "d.paused", "d.promoteNow", "d.abortRequested", "d.currentStep", "d.currentWeight", "d.stepStartedAt", "d.trafficFrom",
      "d.nextStepAt", "d.reason", "d.aliasRevisionId", "d.startedAt", "s.gateRules", "s.name as serviceName", "s.kind as serviceKind", "s.ecsConfig", "s.targetGroup", "s.alarmNames", "s.preTrafficHook", "s.postTrafficHook", "d.flagFrom", "d.flagTo",
      jsonObjectFrom(
        eb.selectFrom("FeatureFlag as f").select(["f.id", "f.name", "f.parameterName", "f.description", "f.stickiness", "f.createdAt", "f.createdBy"]).whereRef("f.id", "=", "d.flagId"),
      ).as("flag"),
      jsonArrayFrom(
        eb.selectFrom("GateReading as g").select((g) => ["g.scope", g.fn.max("g.at").as("at")]).whereRef("g.deploymentId", "=", "d.id").groupBy("g.scope"),
      ).as("lastReadings"),
    ])
    .where("d.id", "=", id)
    .executeTakeFirst();
  if (!r) return null;
  const { gateRules, serviceName, serviceKind, ecsConfig, targetGroup, alarmNames, preTrafficHook, postTrafficHook, lastReadings, flag, ...row } = r;
  return {
    ...row,
    flag: flag && { ...flag, createdAt: new Date(flag.createdAt) },
    service: { gateRules, name: serviceName, kind: serviceKind, ecsConfig, targetGroup, alarmNames: alarmNames ?? [], preTrafficHook, postTrafficHook },
    lastReadingAt: Object.fromEntries(lastReadings.map((g) => [g.scope, new Date(g.at)])),
  };
}

/** The columns a tick changes. */
export interface DeploymentPatch {
  state?: DeploymentState;
  currentStep?: number;
  currentWeight?: number;
  stepStartedAt?: Date | null;
  nextStepAt?: Date | null;
  trafficFrom?: Date;
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
  trafficFrom: true,
  aliasRevisionId: true,
  reason: true,
  rollbackKind: true,
  issueDetectedAt: true,
  paused: true,
};

function setOf(patch: DeploymentPatch): Updateable<Deployment> {
  // Only the patch's own columns, whatever else the object carries; Kysely leaves out undefined values.
  const columns: DeploymentPatch = Object.fromEntries(Object.entries(patch).filter(([key]) => key in PATCH_COLUMNS));
  return { ...columns, updatedAt: new Date() };
}

const moveIf = (id: string, state: DeploymentState, patch: DeploymentPatch) =>
  readDb.updateTable("Deployment").set(setOf(patch)).where("id", "=", id).where("state", "=", state);

/** Applies `patch` only if the row is still in `state`; false when someone else moved it first. */
export async function updateDeploymentIf(id: string, state: DeploymentState, patch: DeploymentPatch): Promise<boolean> {
  return (await writeIn(db, moveIf(id, state, patch))) === 1;
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
  await writeIn(db, readDb.insertInto("DeploymentEvent").values({ deploymentId, at: await recordedNow(), kind, message, data: eventData(data) }));
}

/**
 * updateDeploymentIf and addDeploymentEvent in one statement: the event is written only if the row
 * moved, and both or neither land (a crash between them used to leave the step without its event).
 */
export async function updateDeploymentIfWithEvent(id: string, state: DeploymentState, patch: DeploymentPatch, event: NewEvent): Promise<boolean> {
  const at = await recordedNow();
  const n = await writeIn(
    db,
    readDb
      .with("moved", () => moveIf(id, state, patch).returning("id"))
      .insertInto("DeploymentEvent")
      .columns(["deploymentId", "at", "kind", "message", "data"])
      // Values in a SELECT list have no column to take their type from: cast where text is not it.
      .expression((eb) => eb.selectFrom("moved").select(["moved.id", eb.cast(eb.val(at), "timestamptz").as("at"), eb.val(event.kind).as("kind"), eb.val(event.message).as("message"), eb.cast(eb.val(eventData(event.data)), "jsonb").as("data")])),
  );
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
  // The rows go as one JSON parameter (one statement however many periods), unpacked by jsonb_to_recordset.
  const r = sql<{ at: Date; scope: string; invocations: number; errors: number; throttles: number; p99Ms: number | null; errorRate: number | null; breached: string | null }>`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)`.as<"r">(
    sql`r(at timestamptz(3), scope text, invocations float8, errors float8, throttles float8, "p99Ms" float8, "errorRate" float8, breached text)`,
  );
  await writeIn(
    db,
    readDb
      .insertInto("GateReading")
      .columns(["deploymentId", "at", "scope", "invocations", "errors", "throttles", "p99Ms", "errorRate", "breached"])
      .expression((eb) =>
        eb
          .selectFrom(r)
          .select((s) => [s.val(deploymentId).as("deploymentId"), "r.at", "r.scope", "r.invocations", "r.errors", "r.throttles", "r.p99Ms", "r.errorRate", "r.breached"])
          .where((w) =>
            w("r.at", ">", w.fn.coalesce(w.selectFrom("GateReading as g").select((g) => g.fn.max("g.at").as("last")).where("g.deploymentId", "=", deploymentId).whereRef("g.scope", "=", "r.scope"), sql<Date>`'-infinity'::timestamptz`)),
          ),
      ),
  );
}
