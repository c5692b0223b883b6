import "server-only";
// Everything the readiness check reads, in one SQL statement. Pipelines call the readiness API on
// every run, and the ORM version (six queries with relations) cost about ten times the CPU.
// Timestamps inside the JSON parts carry their offset (the columns are timestamptz).
import { expressionBuilder, sql, type Compilable, type CompiledQuery, type InferResult } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import type { DB } from "@/generated/kysely/types";
import { db, inTx, readDb, readPrepared, type Tx } from "@/lib/db";
import { parseCrNumber } from "@/lib/domain/cr-number";
import { approvalFromJson, approvalsJson } from "./approvals-sql";
import { aliasLockKeyExpr } from "./rules-sql";

type Changes = DB & { c: DB["ChangeRequest"] };
const date = (s: string) => new Date(s);
const dateOrNull = (s: string | null) => (s === null ? null : new Date(s));

// The JSON parts take no values, so they are built once, on the change request aliased `c`.
const eb = expressionBuilder<Changes, "c">();

/** The policy version a change was submitted under, as JSON: the version pinned at submission; before that (a draft), the version in force (the latest). */
export const pinnedPolicyJson = eb.selectFrom("PolicyVersion as pv")
  .select((e) => jsonBuildObject({ id: e.ref("pv.id"), version: e.ref("pv.version"), body: e.ref("pv.body"), createdAt: e.ref("pv.createdAt"), note: e.ref("pv.note") }).as("policy"))
  .where((e) => e.or([e("pv.id", "=", e.ref("c.policyVersionId")), e("c.policyVersionId", "is", null)]))
  .orderBy((e) => e("pv.id", "=", e.ref("c.policyVersionId")), (o) => o.desc().nullsLast())
  .orderBy("pv.version", "desc")
  .limit(sql.lit(1))
  .$asScalar();

/** A change's gate results as a JSON array. */
export const gateResultsJson = eb.fn.coalesce(
  eb.selectFrom("GateResult as g")
    .select((e) => e.fn.jsonAgg(jsonBuildObject({
      gate: e.ref("g.gate"), version: e.ref("g.version"), passed: e.ref("g.passed"), value: e.ref("g.value"),
      createdAt: e.ref("g.createdAt"), reportedById: e.ref("g.reportedById"), codeSha256: e.ref("g.codeSha256"),
    })).as("list"))
    .whereRef("g.crId", "=", "c.id")
    .$asScalar(),
  sql<[]>`'[]'`,
);

const incidentJson = eb.selectFrom("Incident as i")
  .select((e) => jsonBuildObject({ id: e.ref("i.id"), severity: e.ref("i.severity"), title: e.ref("i.title"), declaredAt: e.ref("i.declaredAt"), resolvedAt: e.ref("i.resolvedAt") }).as("incident"))
  .whereRef("i.id", "=", "c.incidentId")
  .$asScalar();

function readinessQuery(ref: string, now: Date) {
  const n = parseCrNumber(ref);
  return readDb
    .selectFrom("ChangeRequest as c")
    .innerJoin("Service as s", "s.id", "c.serviceId")
    .select(["c.id", "c.number", "c.serviceId", "c.state", "c.risk", "c.requesterId", "c.approvalRound", "c.emergency", "c.targetVersion", "c.targetCodeSha256",
      "c.flagId", "c.flagBaseVersion", "c.onCallUserId", "c.onCallConfirmedAt", "c.windowStart", "c.windowDurationMin", "c.windowTimeZone"])
    .select((e) => [
      pinnedPolicyJson.as("policy"),
      approvalsJson.as("approvals"),
      gateResultsJson.as("gateResults"),
      incidentJson.as("incident"),
      e.fn.coalesce(
        e.selectFrom("FreezeWindow as f")
          .select((f) => f.fn.jsonAgg(jsonBuildObject({ name: f.ref("f.name"), startsAt: f.ref("f.startsAt"), endsAt: f.ref("f.endsAt") })).as("list"))
          .where("f.startsAt", "<=", now).where("f.endsAt", ">", now)
          .$asScalar(),
        sql<[]>`'[]'`,
      ).as("freezeWindows"),
      // An active deployment holds its alias's lock key (aliasLockKey) until it ends;
      // a code change also waits for a running flag rollout on its service, as a flag waits for a deploy.
      e.selectFrom("Deployment as d")
        .select((d) => jsonBuildObject({ id: d.ref("d.id"), crId: d.ref("d.crId"), kind: d.ref("d.kind") }).as("deployment"))
        .where((d) => d.or([
          d("d.activeLock", "=", aliasLockKeyExpr("s")),
          d.and([d("c.flagId", "is", null), d("d.kind", "=", sql.lit("FLAG_ROLLOUT")), d("d.serviceId", "=", d.ref("s.id")), d("d.activeLock", "is not", null)]),
        ]))
        .orderBy((d) => d("d.kind", "=", sql.lit("FLAG_ROLLOUT")))
        .limit(sql.lit(1))
        .$asScalar()
        .as("deployment"),
    ])
    .where((e) => (n ? e.and([e("c.year", "=", n.year), e("c.seq", "=", n.seq)]) : e("c.id", "=", ref)));
}

// Building and compiling this query costs about 0.2 ms of CPU a call, as much as the rest of the read:
// its text depends only on whether the CR is named by number, so each form is compiled once per
// process and later calls fill in the values only (checked against that first compile).
type ReadinessRow = InferResult<ReturnType<typeof readinessQuery>>[number];
const compiledForms = new Map<string, CompiledQuery<ReadinessRow>>();

function readinessCompiled(ref: string, now: Date) {
  const n = parseCrNumber(ref);
  const name = n ? "readiness-by-number" : "readiness-by-id";
  const values = n ? [now, now, n.year, n.seq] : [now, now, ref];
  let form = compiledForms.get(name);
  if (!form) {
    form = readinessQuery(ref, now).compile();
    if (form.parameters.length !== values.length || form.parameters.some((p, i) => p !== values[i])) {
      throw new Error(`${name}: the query's parameters are no longer (now, now, ${n ? "year, seq" : "id"}); update readinessCompiled`);
    }
    compiledForms.set(name, form);
  }
  const compiled: CompiledQuery<ReadinessRow> = { ...form, parameters: values };
  const query: Compilable<ReadinessRow> = { compile: () => compiled };
  return { name, query };
}

/** `ref`: the CR's id, or its number (CR-2026-042) as pipelines name it. */
export async function loadReadinessRow(client: Tx | typeof db, ref: string, now: Date) {
  const { name, query } = readinessCompiled(ref, now);
  // Pipelines call this on every run: outside a transaction it is a prepared statement (planned once).
  const [row] = client === db ? await readPrepared(name, query) : await inTx(client as Tx, query);
  if (!row) return null;
  return {
    ...row,
    policy: row.policy && { ...row.policy, createdAt: date(row.policy.createdAt) },
    approvals: row.approvals.map(approvalFromJson),
    gateResults: row.gateResults.map((g) => ({ ...g, createdAt: date(g.createdAt) })),
    incident: row.incident && { ...row.incident, declaredAt: date(row.incident.declaredAt), resolvedAt: dateOrNull(row.incident.resolvedAt) },
    freezeWindows: row.freezeWindows.map((f) => ({ ...f, startsAt: date(f.startsAt), endsAt: date(f.endsAt) })),
  };
}
