// A manual rollback reaches the delivery metrics as what it is: the deployment it reverts becomes a
// change failure (with or without a change request behind it) whose time to rollback runs from the
// moment the person says the problem was seen to the rollback completing, and that deployment keeps
// its own finish time. The "problem seen at" is bounded by the rollback and the reverted start.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { createUser } from "@/prisma/factories";
import { refusal } from "@/test/actors";
import { asActor, deployTarget } from "@/test/deploy-support";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { deliveryMetricsSql } from "./delivery-metrics-sql";
import { rollbackAlias } from "./rollback-alias";

let sandbox: SandboxHandle;
let aws: AwsGateways;
const MIN = 60_000;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 5 });
  aws = createAwsGateways({ endpoint: sandbox.url });
});
afterAll(async () => {
  await stopSenderBoss();
  aws?.destroy();
  await sandbox?.close();
});

/** Version 3 went live by a deployment that started and finished `agoMin` / `agoMin - 10` minutes ago, with or without its CR. */
async function shipped(agoMin: number, withCr: boolean) {
  const t = await deployTarget(sandbox.control);
  await sandbox.control.putAlias(t.name, "live", { functionVersion: "3", weights: {} });
  if (withCr) await db.changeRequest.update({ where: { id: t.cr.id }, data: { state: "DEPLOYED" } });
  const now = Date.now();
  const d = await db.deployment.create({
    data: {
      crId: withCr ? t.cr.id : null, requesterId: t.requester.id, serviceId: t.service.id, awsRegion: "us-east-1", functionName: t.name, alias: "live",
      fromVersion: "2", toVersion: "3", strategy: "AllAtOnce", plan: [], state: "SUCCEEDED", outcome: "SUCCEEDED",
      startedAt: new Date(now - agoMin * MIN), finishedAt: new Date(now - (agoMin - 10) * MIN), commitTime: new Date(now - (agoMin + 60) * MIN),
    },
  });
  const sre = asActor(await createUser(db, { roles: ["SRE"] }));
  const input = { serviceId: t.service.id, targetVersion: "2", confirmAlias: "live", reason: "Checkout errors since version 3" };
  return { ...t, shipped: d, sre, input };
}

const metricsOf = (serviceId: string) =>
  deliveryMetricsSql({ period: { from: new Date(Date.now() - 3 * 86_400_000), to: new Date(Date.now() + 3_600_000) }, timeZone: "Europe/Berlin", scope: { serviceId } }).then((r) => r.metrics);

describe("manual rollback in the metrics", () => {
  for (const withCr of [true, false]) {
    it(`${withCr ? "with" : "without"} a change request: a failure, time to rollback from the problem seen to the rollback done, its finish time kept`, async () => {
      const t = await shipped(120, withCr);
      const seen = new Date(Date.now() - 45 * MIN);
      const r = await rollbackAlias(t.sre, { ...t.input, problemSeenAt: seen.toISOString() }, { lambda: aws.lambda });
      expect(r).toMatchObject({ kind: "ROLLBACK", state: "SUCCEEDED", revertsDeploymentId: t.shipped.id, issueDetectedAt: seen });
      const reverted = await db.deployment.findUniqueOrThrow({ where: { id: t.shipped.id } });
      expect(reverted).toMatchObject({ outcome: "ROLLED_BACK", rollbackKind: "MANUAL", issueDetectedAt: seen, finishedAt: t.shipped.finishedAt });
      const m = await metricsOf(t.service.id);
      expect(m.totals).toMatchObject({ finished: 1, rolledBack: 1, failures: 1 });
      expect(m.changeFailureRate.value).toBe(1);
      expect(m.meanTimeToRollback.sampleSize).toBe(1);
      expect(m.meanTimeToRollback.value).toBeCloseTo((r.finishedAt!.getTime() - seen.getTime()) / 1000, 3);
      if (withCr) expect((await db.changeRequest.findUniqueOrThrow({ where: { id: t.cr.id } })).state).toBe("ROLLED_BACK");
    });
  }

  it("without a time given, the problem counts as seen when the rollback started", async () => {
    const t = await shipped(30, false);
    const r = await rollbackAlias(t.sre, { ...t.input, problemSeenAt: "" }, { lambda: aws.lambda });
    expect(r.issueDetectedAt).toEqual(r.startedAt);
    expect((await metricsOf(t.service.id)).meanTimeToRollback.value).toBeCloseTo((r.finishedAt!.getTime() - r.startedAt.getTime()) / 1000, 3);
  });

  it("refuses a problem seen after the rollback or before the reverted deployment started, naming the field; nothing written", async () => {
    const t = await shipped(60, true);
    const future = await refusal(rollbackAlias(t.sre, { ...t.input, problemSeenAt: new Date(Date.now() + 15 * MIN).toISOString() }, { lambda: aws.lambda }), "VALIDATION");
    expect(future.fields?.problemSeenAt).toMatch(/after the rollback/);
    const early = await refusal(rollbackAlias(t.sre, { ...t.input, problemSeenAt: new Date(Date.now() - 65 * MIN).toISOString() }, { lambda: aws.lambda }), "VALIDATION");
    expect(early.fields?.problemSeenAt).toMatch(/before the deployment being rolled back started/);
    const junk = await refusal(rollbackAlias(t.sre, { ...t.input, problemSeenAt: "yesterday-ish" }, { lambda: aws.lambda }), "VALIDATION");
    expect(junk.fields?.problemSeenAt).toMatch(/date and time/);
    expect(await db.deployment.count({ where: { serviceId: t.service.id, kind: "ROLLBACK" } })).toBe(0);
    expect((await db.deployment.findUniqueOrThrow({ where: { id: t.shipped.id } })).outcome).toBe("SUCCEEDED");
    expect((await aws.lambda.getAlias(t.name, "live")).functionVersion).toBe("3");
  });
});
