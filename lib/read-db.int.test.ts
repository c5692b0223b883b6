import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { db, readDb } from "@/lib/db";
import { createUser } from "@/prisma/factories";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

// readDb sends SQL through pg, outside Prisma: its rows must be what the ORM and $queryRaw give,
// whatever the zone the process runs in.
describe("reads through readDb", () => {
  it("compare and return instants as UTC even when the process runs in another time zone", async () => {
    process.env.TZ = "America/New_York";
    const user = await createUser(db, { roles: ["ENGINEER"] });
    const at = new Date("2026-03-08T06:30:00.000Z"); // the night New York moves its clocks forward
    await db.user.update({ where: { id: user.id }, data: { lastFailedSignInAt: at } });
    const hit = await readDb.selectFrom("User").select("lastFailedSignInAt as at").where("id", "=", user.id).where("lastFailedSignInAt", "=", at).executeTakeFirst();
    expect(hit?.at?.toISOString()).toBe(at.toISOString());
    const viaOrm = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(viaOrm.lastFailedSignInAt?.getTime()).toBe(hit?.at?.getTime());
  });

  it("type big integers, text arrays and JSON as $queryRaw does", async () => {
    const text = sql<{ big: bigint; list: string[]; doc: unknown; small: number }>`SELECT 9007199254740993::int8 AS big, ARRAY['a', 'b'] AS list, json_build_object('k', 1) AS doc, 2::int AS small`;
    const { rows: [mine] } = await text.execute(readDb);
    const [theirs] = await db.$queryRawUnsafe<typeof mine[]>(text.compile(readDb).sql);
    expect(mine).toEqual(theirs);
    expect(mine?.big).toBe(9007199254740993n);
  });

  it("read a bigint id as the bigint the ORM gives, as its generated type says", async () => {
    const user = await createUser(db, { roles: ["ENGINEER"] });
    const event = await db.auditEvent.create({ data: { actorId: user.id, actorLabel: user.name, action: "test.read", entityType: "User", entityId: user.id } });
    const row = await readDb.selectFrom("AuditEvent").select("id").where("id", "=", event.id).executeTakeFirstOrThrow();
    expect(typeof row.id).toBe("bigint");
    expect(row.id).toBe(event.id);
  });
});
