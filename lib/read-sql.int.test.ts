import { afterEach, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { db, readRows, readSql } from "@/lib/db";
import { createUser } from "@/prisma/factories";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

// Reads through pg directly must give the rows Prisma's $queryRaw gives, whatever the server's zone.
describe("reads sent through pg", () => {
  it("compare and return instants as UTC even when the process runs in another time zone", async () => {
    process.env.TZ = "America/New_York";
    const user = await createUser(db, { roles: ["ENGINEER"] });
    const at = new Date("2026-03-08T06:30:00.000Z"); // the night New York moves its clocks forward
    await db.user.update({ where: { id: user.id }, data: { lastFailedSignInAt: at } });
    const [hit] = await readSql<{ at: Date }[]>`SELECT "lastFailedSignInAt" AS at FROM "User" WHERE id = ${user.id} AND "lastFailedSignInAt" = ${at}`;
    expect(hit?.at.toISOString()).toBe(at.toISOString());
    const viaPrisma = await db.$queryRaw<{ at: Date }[]>`SELECT "lastFailedSignInAt" AS at FROM "User" WHERE id = ${user.id}`;
    expect(viaPrisma[0]?.at.getTime()).toBe(hit?.at.getTime());
  });

  it("type big integers, text arrays and JSON as $queryRaw does", async () => {
    const query = Prisma.sql`SELECT 9007199254740993::int8 AS big, ARRAY['a', 'b'] AS list, json_build_object('k', 1) AS doc, 2::int AS small`;
    const [mine] = await readRows<{ big: bigint; list: string[]; doc: unknown; small: number }[]>(query);
    const [theirs] = await db.$queryRaw<typeof mine[]>(query);
    expect(mine).toEqual(theirs);
    expect(mine?.big).toBe(9007199254740993n);
  });
});
