import "server-only";
// The changes that may need something from one person, and their unread inbox count, in ONE SQL
// statement: the navigation asks on every page. The SQL only narrows the candidates (by relation,
// state and the permissions the person holds); the domain's own rules (canVote, tallyApprovals,
// onCallItems) decide which of them really await the person, in my-work.ts.
import { sql, type CompiledQuery, type Expression, type ExpressionBuilder, type InferResult, type SqlBool } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import type { DB } from "@/generated/kysely/types";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";
import { readDb } from "@/lib/db";
import type { CrState } from "@/lib/domain/vocabulary";
import { approvalFromJson, approvalsJson } from "./approvals-sql";
import { visibleChangesExpr } from "./change-visibility";
import { parsedPoliciesById } from "./policy-store";

/** A rejected change stays on its requester's list this long (then it is history, not work). */
export const REJECTED_SHOWN_DAYS = 14;

/** At most this many candidates (the oldest first). */
const LIMIT = 300;

type Changes = DB & { c: DB["ChangeRequest"] };
type Eb = ExpressionBuilder<Changes, "c">;
// States are written into the SQL as literals, as they were: the planner sees the values it estimates by.
const states = (...s: CrState[]) => s.map((v) => sql.lit(v));

/** Why a change may await the person, each a condition one index answers. */
function reasons(actor: Actor, rejectedSince: Date): ((eb: Eb) => Expression<SqlBool>)[] {
  const me = actor.id;
  const out: ((eb: Eb) => Expression<SqlBool>)[] = [
    (eb) => eb.and([eb("c.onCallUserId", "=", me), eb("c.state", "in", states("SUBMITTED", "APPROVED", "SCHEDULED"))]),
    (eb) => eb.and([eb("c.requesterId", "=", me), eb.or([
      eb("c.state", "in", states("APPROVED", "SCHEDULED")),
      eb.and([eb("c.state", "=", sql.lit("DRAFT")), eb("c.submittedAt", "is not", null)]),
      eb.and([eb("c.state", "=", sql.lit("REJECTED")), eb("c.updatedAt", ">", rejectedSince)]),
    ])]),
  ];
  if (can(actor, "change:vote")) out.push((eb) => eb.and([eb("c.state", "=", sql.lit("SUBMITTED")), eb.not(eb.ref("c.emergency")), eb("c.requesterId", "<>", me)]));
  if (can(actor, "change:verbal-approve")) out.push((eb) => eb.and([eb.ref("c.emergency"), eb("c.state", "in", states("DRAFT", "SUBMITTED")), eb("c.requesterId", "<>", me)]));
  if (can(actor, "change:retro-vote")) out.push((eb) => eb.and([eb.ref("c.emergency"), eb("c.retroStatus", "=", sql.lit("PENDING")), eb("c.requesterId", "<>", me)]));
  return out;
}

const firstOf = (actor: Actor, reason: (eb: Eb) => Expression<SqlBool>) =>
  readDb.selectFrom("ChangeRequest as c").select("c.id").where(reason).where(visibleChangesExpr(actor))
    .orderBy("c.submittedAt", (o) => o.asc().nullsLast()).orderBy("c.createdAt", "asc").limit(LIMIT);

function candidatesOf(actor: Actor, rejectedSince: Date) {
  // Each reason's first LIMIT rows through its own index (a UNION, not one OR: the OR read every
  // submitted change, ~200 ms of database time per page at 100,000 CRs), then the first LIMIT of
  // those; the votes and meeting are built for the kept rows only. Each branch keeps its own ORDER BY
  // and LIMIT in its parentheses (a subquery in `sql` is parenthesized; Kysely's union would order
  // and limit the whole).
  const ids = sql.join(reasons(actor, rejectedSince).map((r) => firstOf(actor, r)), sql` UNION `);
  return readDb
    .selectFrom(sql<InferResult<ReturnType<typeof firstOf>>[number]>`(${ids})`.as("k"))
    .innerJoin("ChangeRequest as c", "c.id", "k.id")
    .leftJoin("CabMeeting as m", "m.id", "c.cabMeetingId")
    .select(["c.id", "c.number", "c.summary", "c.state", "c.risk", "c.requesterId", "c.approvalRound", "c.emergency",
      "c.retroStatus", "c.onCallUserId", "c.onCallConfirmedAt", "c.createdAt", "c.submittedAt"])
    .select((eb) => [
      eb.case().when("m.id", "is", null).then(null)
        .else(jsonBuildObject({ id: eb.ref("m.id").$notNull(), startsAt: eb.ref("m.startsAt").$notNull(), status: eb.ref("m.status").$notNull() })).end().as("meeting"),
      // The version pinned at submission, else the one in force (as the readiness read picks it);
      // its body comes from the parsed policies kept by id, not once per row.
      eb.fn.coalesce("c.policyVersionId", eb.selectFrom("PolicyVersion as pv").select("pv.id").orderBy("pv.version", "desc").limit(sql.lit(1)).$asScalar()).as("policyId"),
      approvalsJson.as("approvals"),
    ])
    .orderBy("c.submittedAt", (o) => o.asc().nullsLast()).orderBy("c.createdAt", "asc")
    .limit(LIMIT);
}
type Candidate = InferResult<ReturnType<typeof candidatesOf>>[number];

function workQuery(actor: Actor, rejectedSince: Date) {
  return readDb
    .selectFrom((eb) => eb.selectFrom("Notification").select((e) => e.cast<number>(e.fn.countAll(), "integer").as("unread"))
      .where("userId", "=", actor.id).where("readAt", "is", null).as("n"))
    .leftJoinLateral(() => candidatesOf(actor, rejectedSince).as("w"), (join) => join.onTrue())
    .select("n.unread")
    .selectAll("w")
    // The unread count comes even with no candidate (LEFT JOIN … ON TRUE): then w's columns are all
    // NULL, so `id` says whether a row has a candidate; when it does, w's columns are as its query types them.
    .$narrowType<Omit<Candidate, "id">>();
}
type WorkRow = InferResult<ReturnType<typeof workQuery>>[number];

// The statement runs on every page (the navigation's counts), and building and compiling it cost
// about 0.3 ms of CPU a call. Its text depends only on these permissions (which reasons apply, whether
// drafts are all visible), so each form is compiled once per process with marker values, and later
// calls put the person's id and the rejection cut-off in their places (checked on the first call).
const SHAPE: readonly Permission[] = ["change:vote", "change:verbal-approve", "change:retro-vote", "change:administer"];
const MARK_ID = "\u0000person";
const MARK_SINCE = new Date(0);
const forms = new Map<string, CompiledQuery<WorkRow>>();

function workCompiled(actor: Actor, rejectedSince: Date): CompiledQuery<WorkRow> {
  const key = SHAPE.map((p) => (can(actor, p) ? "1" : "0")).join("");
  const fill = (form: CompiledQuery<WorkRow>): CompiledQuery<WorkRow> => ({
    ...form,
    parameters: form.parameters.map((p) => (p === MARK_ID ? actor.id : p === MARK_SINCE ? rejectedSince : p)),
  });
  const kept = forms.get(key);
  if (kept) return fill(kept);
  const form = workQuery({ ...actor, id: MARK_ID }, MARK_SINCE).compile();
  const real = workQuery(actor, rejectedSince).compile();
  const filled = fill(form);
  if (filled.sql !== real.sql || filled.parameters.length !== real.parameters.length || filled.parameters.some((p, i) => p !== real.parameters[i])) {
    throw new Error("my work: the candidates' SQL depends on more than SHAPE's permissions, the person's id and the cut-off; update workCompiled");
  }
  forms.set(key, form);
  return filled;
}

export async function loadWorkCandidates(actor: Actor, now: Date) {
  const { rows } = await readDb.executeQuery(workCompiled(actor, new Date(now.getTime() - REJECTED_SHOWN_DAYS * 86_400_000)));
  const unread = rows[0]?.unread ?? 0;
  const policies = await parsedPoliciesById(rows.flatMap((r) => (r.policyId ? [r.policyId] : [])));
  // Each field named, not `{ unread, …, ...rest }` and `{ ...rest, … }`: copying pg's row objects
  // through rest and spread cost ~1.7 ms of CPU per call at 300 candidates (on every page, for the
  // navigation's counts); naming the fields costs ~0.1 ms.
  const candidates = [];
  for (const r of rows) {
    if (r.id === null) continue;
    candidates.push({
      id: r.id, number: r.number, summary: r.summary, state: r.state, risk: r.risk, requesterId: r.requesterId, approvalRound: r.approvalRound,
      emergency: r.emergency, retroStatus: r.retroStatus, onCallUserId: r.onCallUserId, onCallConfirmedAt: r.onCallConfirmedAt,
      createdAt: r.createdAt, submittedAt: r.submittedAt,
      meeting: r.meeting && { id: r.meeting.id, startsAt: new Date(r.meeting.startsAt), status: r.meeting.status },
      /** null only before any policy version exists (a fresh database). */
      policy: (r.policyId && policies.get(r.policyId)) || null,
      approvals: r.approvals.length === 0 ? [] : r.approvals.map(approvalFromJson),
    });
  }
  return { unread, candidates };
}
export type WorkCandidate = Awaited<ReturnType<typeof loadWorkCandidates>>["candidates"][number];
