// One production change at a time per service: a code deploy and a flag rollout are watched by the
// same metric gates on the same alias, so neither starts while the other runs — and two starts in
// the same instant (two browsers) cannot both pass, the service row serialising them. Found by the
// model-based control test (seed 643154189): a deploy started while a flag rollout held the service.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { createReadyChange, createService } from "@/prisma/factories";
import { seedActor } from "@/test/actors";
import { applyFlagChange } from "./apply-flag-change";
import { proposeFlagChange } from "./propose-flag-change";
import { registerFlag } from "./register-flag";
import { startDeployment } from "./start-deployment";

let aws: AwsGateways;
let engineer: Actor;
let n = 0;

beforeAll(async () => {
  aws = createAwsGateways({ endpoint: process.env.CHANGEGATE_SANDBOX_URL!, retryBaseDelayMs: 1, retryMaxDelayMs: 2 });
  engineer = await seedActor(["ENGINEER"]);
});
afterAll(async () => {
  await stopSenderBoss();
  aws?.destroy();
});

/** A service with an approved Low flag change and a ready code change, neither started. */
async function both() {
  const service = await createService(db, { onCallUserId: engineer.id });
  const flag = await registerFlag(engineer, { serviceId: service.id, name: `exclusive-${process.pid}-${++n}`, description: "Pricing", risk: "LOW" });
  const flagCr = await proposeFlagChange(engineer, { flagId: flag.id, justification: "Roll out", target: { enabled: true, percentage: 20, allowlist: [], rollout: [{ percentage: 5, holdMinutes: 5 }, { percentage: 20, holdMinutes: 5 }] } });
  expect(flagCr.state).toBe("APPROVED");
  const codeCr = await createReadyChange(db, { serviceId: service.id, requesterId: engineer.id, targetVersion: "2" });
  const deploy = () => startDeployment(engineer, codeCr.id, { lambda: aws.lambda, enqueue: false });
  const apply = () => applyFlagChange(engineer, flagCr.id, { ssm: aws.ssm, enqueue: false });
  return { service, deploy, apply };
}

describe("a deploy and a flag rollout on one service", () => {
  it("a code deploy waits for a running flag rollout, saying why, and writes nothing", async () => {
    const t = await both();
    await t.apply();
    await expect(t.deploy()).rejects.toThrow(/a flag rollout is running on this service/);
    expect(await db.deployment.count({ where: { serviceId: t.service.id, kind: "DEPLOY" } })).toBe(0);
  });

  it("a flag rollout waits for a running deploy", async () => {
    const t = await both();
    await t.deploy();
    await expect(t.apply()).rejects.toThrow(/another deployment is running on this alias/);
    expect(await db.deployment.count({ where: { serviceId: t.service.id, kind: "FLAG_ROLLOUT" } })).toBe(0);
  });

  it("started in the same instant, exactly one of them runs", async () => {
    for (let round = 0; round < 4; round++) {
      const t = await both();
      const results = await Promise.allSettled([t.deploy(), t.apply()]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await db.deployment.count({ where: { serviceId: t.service.id, activeLock: { not: null } } })).toBe(1);
    }
  });
});
