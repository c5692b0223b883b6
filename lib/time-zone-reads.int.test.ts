// Timestamp columns are timestamptz: an instant written through the ORM reads back as the same
// instant through every read path, while both this process and the PostgreSQL session run in a
// zone that is not UTC (New York, on the night its clocks move forward).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type RawBuilder } from "kysely";
import { db, readDb } from "@/lib/db";
import { openReadCursor } from "@/lib/pg-direct";
import { createUser } from "@/prisma/factories";

const ZONE = "America/New_York";
const url = new URL(process.env.DATABASE_URL!);
url.searchParams.set("options", `-c TimeZone=${ZONE}`);
// Before the first query: lib/db creates its clients on first use.
process.env.DATABASE_URL = url.toString();
const processZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = ZONE;
});
afterAll(() => {
  if (processZone === undefined) delete process.env.TZ;
  else process.env.TZ = processZone;
});

const AT = new Date("2026-03-08T07:30:00.123Z"); // 03:30 EDT, an hour after New York skipped 02:00–03:00
const ms = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).getTime());

describe("timestamps in a non-UTC process and session", () => {
  it("runs where it says: the process and pg's sessions in New York time, Prisma's session pinned to UTC", async () => {
    expect(new Date(AT).getTimezoneOffset()).toBe(240);
    const { rows: [direct] } = await sql<{ tz: string }>`SELECT current_setting('TimeZone') AS tz`.execute(readDb);
    expect(direct?.tz).toBe(ZONE);
    // Prisma's pg adapter writes and reads UTC wall times, right only in a UTC session (see utcSession).
    const [orm] = await db.$queryRaw<{ tz: string }[]>`SELECT current_setting('TimeZone') AS tz`;
    expect(orm?.tz).toBe("UTC");
  });

  it("reads an instant written by the ORM as the same instant through the ORM, $queryRaw, readDb, JSON and a pg cursor", async () => {
    const user = await createUser(db, { roles: ["ENGINEER"] });
    await db.user.update({ where: { id: user.id }, data: { lastFailedSignInAt: AT } });

    const orm = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { lastFailedSignInAt: true } });
    const [raw] = await db.$queryRaw<{ at: Date }[]>`SELECT "lastFailedSignInAt" AS at FROM "User" WHERE id = ${user.id}`;
    const direct = await readDb.selectFrom("User").select("lastFailedSignInAt as at").where("id", "=", user.id).executeTakeFirst();
    const json = await readDb.selectFrom("User").select(sql<{ at: string }>`json_build_object('at', "lastFailedSignInAt")`.as("doc")).where("id", "=", user.id).executeTakeFirst();
    const query = readDb.selectFrom("User").select("lastFailedSignInAt as at").where("id", "=", user.id).compile();
    const reader = await openReadCursor<{ at: Date }>(process.env.DATABASE_URL!, { text: query.sql, values: [...query.parameters] });
    let cursor: Date | undefined;
    try {
      cursor = (await reader.fetch(1))[0]?.at;
    } finally {
      await reader.close();
    }
    expect([orm.lastFailedSignInAt, raw?.at, direct?.at, json?.doc.at, cursor].map(ms)).toEqual(Array(5).fill(AT.getTime()));
  });

  it("compares a Date parameter with a column as the same instant through $queryRaw, $executeRaw and readDb", async () => {
    const user = await createUser(db, { roles: ["ENGINEER"] });
    const moved = await db.$executeRaw`UPDATE "User" SET "lastFailedSignInAt" = ${AT} WHERE id = ${user.id}`;
    expect(moved).toBe(1);
    expect(ms((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastFailedSignInAt)).toBe(AT.getTime());
    const [raw] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "User" WHERE id = ${user.id} AND "lastFailedSignInAt" = ${AT}`;
    const count = (at: Date | RawBuilder<Date>) =>
      readDb.selectFrom("User").select((eb) => eb.fn.countAll<number>().as("n")).where("id", "=", user.id).where("lastFailedSignInAt", "=", at).executeTakeFirst();
    const direct = await count(AT);
    const cast = await count(sql<Date>`${AT}::timestamptz`);
    expect([raw?.n, Number(direct?.n), Number(cast?.n)]).toEqual([1, 1, 1]);
  });

  it("fills a column's default with now() as the current instant", async () => {
    const before = Date.now();
    const row = await readDb.insertInto("SlackRequest").values({ signature: `tz-${before}` }).returning("receivedAt as at").executeTakeFirst();
    expect(Math.abs((row?.at.getTime() ?? 0) - before)).toBeLessThan(60_000);
  });
});
