// Reads written in Kysely (lib/db's readDb) give what the ORM stored, on the read pool and, through
// inTx/readOn, on a Prisma transaction's connection (seeing its uncommitted writes).
import { describe, expect, it } from "vitest";
import { db, inTx, readDb, readOn } from "@/lib/db";
import { createDeployment, createReadyChange, createService, createUser } from "@/prisma/factories";
import { getDeployPanel } from "@/lib/server/deploy-panel";
import { gateResultsOf } from "@/lib/server/emergency-queries";
import { firstDeploymentDate } from "@/lib/server/history-queries";

describe("Kysely reads", () => {
  it("return the rows the ORM wrote, typed from the schema: gate results with who reported them, a CR's deployments newest first, the first deployment's local date", async () => {
    const engineer = await createUser(db, { roles: ["ENGINEER"], name: "Gita Reporter" });
    const service = await createService(db);
    const cr = await createReadyChange(db, { serviceId: service.id, requesterId: engineer.id, targetVersion: "2" });
    await db.gateResult.create({ data: { crId: cr.id, gate: "UNIT", version: "2", passed: true, value: 98.5, reportedById: engineer.id, createdAt: new Date("2031-05-01T10:00:00Z") } });
    await db.gateResult.create({ data: { crId: cr.id, gate: "SECURITY_SCAN", version: "2", passed: false, createdAt: new Date("2031-05-01T11:00:00Z") } });
    // createReadyChange records passing gates of its own (now); ours are in 2031, so they come first.
    const results = (await gateResultsOf(cr.id)).slice(0, 2);
    expect(results.map((r) => [r.gate, r.passed, r.value, r.by, r.createdAt.toISOString()])).toEqual([
      ["SECURITY_SCAN", false, null, "unknown", "2031-05-01T11:00:00.000Z"],
      ["UNIT", true, 98.5, "Gita Reporter", "2031-05-01T10:00:00.000Z"],
    ]);

    const older = await createDeployment(db, { serviceId: service.id, crId: cr.id, toVersion: "2", startedAt: new Date("1999-12-31T23:30:00Z"), finishedAt: new Date("1999-12-31T23:40:00Z"), outcome: "FAILED" });
    const newer = await createDeployment(db, { serviceId: service.id, crId: cr.id, toVersion: "2", startedAt: new Date("2000-01-01T00:30:00Z"), finishedAt: null, outcome: null });
    const panel = await getDeployPanel(engineer, { id: cr.id, requesterId: engineer.id, serviceId: service.id });
    expect(panel.deployments.map((d) => [d.id, d.startedAt.toISOString()])).toEqual([
      [newer.id, "2000-01-01T00:30:00.000Z"],
      [older.id, "1999-12-31T23:30:00.000Z"],
    ]);
    // 23:30 UTC on New Year's Eve is already 2000-01-01 in Tokyo.
    expect(await firstDeploymentDate("UTC")).toBe("1999-12-31");
    expect(await firstDeploymentDate("Asia/Tokyo")).toBe("2000-01-01");
  });

  it("run on a transaction's connection through inTx and readOn, seeing its uncommitted writes; readOn(db) reads the pool", async () => {
    const user = await createUser(db, { name: "Before" });
    const byName = () => readDb.selectFrom("User").select(["name", "updatedAt"]).where("id", "=", user.id);
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { name: "Inside" } });
      expect((await inTx(tx, byName()))[0]?.name).toBe("Inside");
      expect((await readOn(tx, byName()))[0]?.name).toBe("Inside");
      // The pool's own connection does not see the uncommitted write.
      expect((await readOn(db, byName()))[0]?.name).toBe("Before");
    });
    const [after] = await byName().execute();
    expect(after?.name).toBe("Inside");
    expect(after?.updatedAt).toBeInstanceOf(Date);
  });
});
