// Each rule that SQL reads state beside its TypeScript form, compared on PostgreSQL: the SQL
// fragment evaluated by the database against the TypeScript predicate, on generated rows.
import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import { db, readDb } from "@/lib/db";
import { ABANDONED_CR_STATES, CR_STATES, DEPLOYMENT_STATES, RISK_LEVELS, RISK_RANK, TERMINAL_DEPLOYMENT_STATES, type CrState, type RiskLevel } from "@/lib/domain/vocabulary";
import { createReadyChange, createService, createUser } from "@/prisma/factories";
import { seedActor } from "@/test/actors";
import { isVisibleTo, visibleChangesExpr, visibleChangesWhere } from "./change-visibility";
import { findChangeConflicts } from "./calendar-queries";
import { aliasLockKeyExpr, changeNotAbandonedExpr, deploymentEndedExpr, riskRankExpr } from "./rules-sql";
import { aliasLockKey } from "./start-deployment";

const RUNS = 40;

describe("rules stated in SQL and in TypeScript agree", () => {
  it("the alias lock key: SQL over a service row builds the key aliasLockKey writes", async () => {
    // Any text but NUL, which PostgreSQL text cannot hold (names with ":" or quotes included).
    const part = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" }).filter((s) => !s.includes("\0"));
    await fc.assert(
      fc.asyncProperty(part, part, part, async (awsRegion, functionName, alias) => {
        const row = await readDb
          .selectFrom(sql<{ awsRegion: string; functionName: string; alias: string }>`(SELECT ${awsRegion}::text AS "awsRegion", ${functionName}::text AS "functionName", ${alias}::text AS alias)`.as("s"))
          .select(aliasLockKeyExpr("s").as("key")).executeTakeFirstOrThrow();
        expect(row.key).toBe(aliasLockKey({ awsRegion, functionName, alias }));
      }),
      { numRuns: RUNS },
    );
  });

  it("the alias lock key: a real service row finds the deployment that holds its alias", async () => {
    const owner = await createUser(db, { roles: ["ENGINEER"] });
    const service = await createService(db, { functionName: `lock-${Date.now()}`, alias: "live" });
    const d = await db.deployment.create({
      data: { serviceId: service.id, awsRegion: service.awsRegion, functionName: service.functionName, alias: service.alias, fromVersion: "1", toVersion: "2", strategy: "AllAtOnce", plan: [], state: "SHIFTING", activeLock: aliasLockKey(service), startedById: owner.id },
    });
    const rows = await readDb.selectFrom("Deployment as d").innerJoin("Service as s", (j) => j.on("s.id", "=", service.id)).select("d.id")
      .where("d.activeLock", "=", aliasLockKeyExpr("s")).execute();
    expect(rows.map((r) => r.id)).toEqual([d.id]);
  });

  it("the risk order: RISK_RANK in SQL, and the RiskLevel enum's own order, sort as RISK_RANK does", async () => {
    const risks = fc.array(fc.option(fc.constantFrom(...RISK_LEVELS), { nil: null }), { minLength: 1, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(risks, async (list) => {
        const rows = await readDb
          .selectFrom(sql<{ risk: RiskLevel | null; i: bigint }>`(SELECT * FROM unnest(${list}::"RiskLevel"[]) WITH ORDINALITY AS u(risk, i))`.as("t"))
          .select((eb) => [
            riskRankExpr("t.risk").as("rank"),
            sql<number>`(row_number() OVER (ORDER BY t.risk NULLS FIRST, t.i))::int`.as("byEnum"),
            sql<number>`(row_number() OVER (ORDER BY ${eb.fn.coalesce(riskRankExpr("t.risk"), sql.lit(-1))}, t.i))::int`.as("byRank"),
          ])
          .orderBy("t.i").execute();
        const expected = list.map((r) => (r === null ? null : RISK_RANK[r]));
        expect(rows.map((r) => r.rank)).toEqual(expected);
        const tsOrder = list
          .map((r, i) => ({ rank: r === null ? -1 : RISK_RANK[r as RiskLevel], i }))
          .sort((a, b) => a.rank - b.rank || a.i - b.i)
          .map((x) => x.i);
        const position = (key: "byEnum" | "byRank") => rows.map((r, i) => ({ p: r[key], i })).sort((a, b) => a.p - b.p).map((x) => x.i);
        expect(position("byRank")).toEqual(tsOrder);
        expect(position("byEnum")).toEqual(tsOrder);
      }),
      { numRuns: RUNS },
    );
  });

  it("ended deployment states: every state of the database's enum, in SQL as in TERMINAL_DEPLOYMENT_STATES", async () => {
    const { rows } = await sql<{ state: string; ended: boolean }>`SELECT d.state::text AS state, ${deploymentEndedExpr("d")} AS ended FROM unnest(enum_range(NULL::"DeploymentState")) AS d(state)`.execute(readDb);
    expect(rows.map((r) => r.state).sort()).toEqual([...DEPLOYMENT_STATES].sort());
    for (const r of rows) expect(r.ended, r.state).toBe(TERMINAL_DEPLOYMENT_STATES.includes(r.state as never));
  });

  it("abandoned change states: every state of the database's enum, in SQL as in ABANDONED_CR_STATES", async () => {
    const { rows } = await sql<{ state: string; live: boolean }>`SELECT c.state::text AS state, ${changeNotAbandonedExpr("c")} AS live FROM unnest(enum_range(NULL::"CrState")) AS c(state)`.execute(readDb);
    expect(rows.map((r) => r.state).sort()).toEqual([...CR_STATES].sort());
    for (const r of rows) expect(r.live, r.state).toBe(!ABANDONED_CR_STATES.includes(r.state as CrState));
  });

  it("abandoned changes in use: a cancelled or rejected change's window conflicts with nothing", async () => {
    const requester = await createUser(db, { roles: ["ENGINEER"] });
    const service = await createService(db, { functionName: `win-${Date.now()}`, alias: "live" });
    const [a, b] = await Promise.all([1, 2].map(() => createReadyChange(db, { serviceId: service.id, requesterId: requester.id, targetVersion: "2", codeSha256: null })));
    expect((await findChangeConflicts(a!.id)).map((c) => c.id)).toEqual([b!.id]);
    for (const state of ABANDONED_CR_STATES) {
      await db.changeRequest.update({ where: { id: b!.id }, data: { state } });
      expect(await findChangeConflicts(a!.id), state).toEqual([]);
      expect(await findChangeConflicts(b!.id), state).toEqual([]);
    }
  });

  describe("draft visibility", () => {
    let people: Actor[];
    let crIds: string[];

    beforeAll(async () => {
      const roles: Role[][] = [["ENGINEER"], ["ENGINEER"], ["ADMIN"], ["CAB_MEMBER", "SRE"], ["ENG_MANAGER"]];
      people = await Promise.all(roles.map(seedActor));
      const service = await createService(db, { functionName: `vis-${Date.now()}`, alias: "live" });
      crIds = [];
      for (let i = 0; i < 8; i++) crIds.push((await createReadyChange(db, { serviceId: service.id, requesterId: people[0]!.id, targetVersion: "2", codeSha256: null })).id);
    });

    it("the SQL fragment, the ORM filter and the loaded-row predicate pick the same changes", async () => {
      const change = fc.record({ state: fc.constantFrom(...CR_STATES), requester: fc.nat(people.length - 1) });
      await fc.assert(
        fc.asyncProperty(fc.array(change, { minLength: crIds.length, maxLength: crIds.length }), fc.nat(4), async (changes, viewer) => {
          await db.$transaction(changes.map((c, i) => db.changeRequest.update({ where: { id: crIds[i]! }, data: { state: c.state, requesterId: people[c.requester]!.id } })));
          const actor = people[viewer]!;
          const byOrm = await db.changeRequest.findMany({ where: { AND: [{ id: { in: crIds } }, visibleChangesWhere(actor)] }, select: { id: true } });
          const byTs = changes.flatMap((c, i) => (isVisibleTo(actor, { state: c.state, requesterId: people[c.requester]!.id }) ? [crIds[i]!] : []));
          const bySql = await readDb.selectFrom("ChangeRequest as c").select("c.id").where("c.id", "in", crIds).where(visibleChangesExpr(actor)).execute();
          const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
          expect(ids(bySql)).toEqual([...byTs].sort());
          expect(ids(byOrm)).toEqual([...byTs].sort());
        }),
        { numRuns: RUNS },
      );
    });
  });
});
