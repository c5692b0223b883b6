// Timestamp columns are timestamptz: an instant written through the ORM reads back as the same
// instant through every read path, while both this process and the PostgreSQL session run in a
// zone that is not UTC (New York, on the night its clocks move forward).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { Prisma } from "@/generated/prisma/client";
import { db, pgTypes, readRows, readSql } from "@/lib/db";
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
    const [direct] = await readSql<{ tz: string }[]>`SELECT current_setting('TimeZone') AS tz`;
    expect(direct?.tz).toBe(ZONE);
    // Prisma's pg adapter writes and reads UTC wall times, right only in a UTC session (see utcSession).
    const [orm] = await db.$queryRaw<{ tz: string }[]>`SELECT current_setting('TimeZone') AS tz`;
    expect(orm?.tz).toBe("UTC");
  });

  it("reads an instant written by the ORM as the same instant through the ORM, $queryRaw, readSql, JSON and a pg cursor", async () => {
    const user = await createUser(db, { roles: ["ENGINEER"] });
    await db.user.update({ where: { id: user.id }, data: { lastFailedSignInAt: AT } });

    const orm = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { lastFailedSignInAt: true } });
    const [raw] = await db.$queryRaw<{ at: Date }[]>`SELECT "lastFailedSignInAt" AS at FROM "User" WHERE id = ${user.id}`;
    const [direct] = await readSql<{ at: Date }[]>`SELECT "lastFailedSignInAt" AS at FROM "User" WHERE id = ${user.id}`;
    const [json] = await readRows<{ doc: { at: string } }[]>(Prisma.sql`SELECT json_build_object('at', "lastFailedSignInAt") AS doc FROM "User" WHERE id = ${user.id}`);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    let cursor: Date | undefined;
    try {
      await client.query("BEGIN");
      await client.query({ text: `DECLARE c CURSOR FOR SELECT "lastFailedSignInAt" AS at FROM "User" WHERE id = $1`, values: [user.id] });
      cursor = (await client.query<{ at: Date }>({ text: "FETCH 1 FROM c", types: pgTypes })).rows[0]?.at;
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    expect([orm.lastFailedSignInAt, raw?.at, direct?.at, json?.doc.at, cursor].map(ms)).toEqual(Array(5).fill(AT.getTime()));
  });

  it("compares a Date parameter with a column as the same instant through $queryRaw, $executeRaw and readSql", async () => {
    const user = await createUser(db, { roles: ["ENGINEER"] });
    const moved = await db.$executeRaw`UPDATE "User" SET "lastFailedSignInAt" = ${AT} WHERE id = ${user.id}`;
    expect(moved).toBe(1);
    expect(ms((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastFailedSignInAt)).toBe(AT.getTime());
    const [raw] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "User" WHERE id = ${user.id} AND "lastFailedSignInAt" = ${AT}`;
    const [direct] = await readSql<{ n: number }[]>`SELECT count(*)::int AS n FROM "User" WHERE id = ${user.id} AND "lastFailedSignInAt" = ${AT}`;
    const [cast] = await readSql<{ n: number }[]>`SELECT count(*)::int AS n FROM "User" WHERE id = ${user.id} AND "lastFailedSignInAt" = ${AT}::timestamptz`;
    expect([raw?.n, direct?.n, cast?.n]).toEqual([1, 1, 1]);
  });

  it("fills a column's default with now() as the current instant", async () => {
    const before = Date.now();
    const [row] = await readSql<{ at: Date }[]>`INSERT INTO "SlackRequest" (signature) VALUES (${`tz-${before}`}) RETURNING "receivedAt" AS at`;
    expect(Math.abs((row?.at.getTime() ?? 0) - before)).toBeLessThan(60_000);
  });
});
