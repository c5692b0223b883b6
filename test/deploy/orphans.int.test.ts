// The worker's sweeper asks for active deployments with no tick waiting (a chain broken by a worker
// that died mid-tick) and re-queues them: a deployment with a tick queued is not one of them.
import { afterAll, beforeAll, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { orphanedDeployments, scheduleTick, startBoss } from "@/lib/deploy/queue";
import { createDeployment, createService } from "@/prisma/factories";

let boss: PgBoss;
beforeAll(async () => {
  boss = await startBoss(process.env.DATABASE_URL!, { worker: false });
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
});

it("lists an active deployment with no tick waiting, and not once a tick is queued or it has ended", async () => {
  const service = await createService(db);
  const active = await createDeployment(db, { serviceId: service.id, startedAt: new Date(), outcome: null });
  await db.deployment.update({ where: { id: active.id }, data: { activeLock: `${service.awsRegion}:${service.functionName}:${service.alias}` } });
  const ended = await createDeployment(db, { serviceId: service.id, startedAt: new Date(), outcome: "SUCCEEDED" });

  const orphans = await orphanedDeployments();
  expect(orphans).toContain(active.id);
  expect(orphans).not.toContain(ended.id);

  await scheduleTick(boss, active.id, 60_000);
  expect(await orphanedDeployments()).not.toContain(active.id);
});
