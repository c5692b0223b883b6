// getTargetGroupReadings through the real CloudWatch and ECS SDK clients against the sandbox: the
// readings an ECS rolling deploy's gates evaluate, from the service's ALB target group. The clock is
// frozen and moved with advance(), so every reading is a function of seed and time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GATE_RULES, evaluateGates } from "@/lib/domain/deploy-gates";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { createAwsGateways, type AwsGateways } from "./index";

const T0 = new Date("2025-06-02T09:00:00Z");
const MIN = 60_000;
let sandbox: SandboxHandle;
let aws: AwsGateways;
let web: { targetGroup: string; loadBalancer: string };

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0, startTime: T0, seed: 11 });
  aws = createAwsGateways({ endpoint: sandbox.url, maxAttempts: 3, retryBaseDelayMs: 2, retryMaxDelayMs: 10 });
  await sandbox.control.ecs.createService({ cluster: "it", service: "web", revisions: 2, taskDefinition: "web:1", desiredCount: 10, requestRate: 20, errorRate: 0, medianLatencyMs: 40 });
  const s = (await sandbox.control.ecs.state()).clusters.find((c) => c.name === "it")!.services.find((x) => x.serviceName === "web")!;
  web = { targetGroup: s.targetGroup, loadBalancer: s.loadBalancer };
});
afterAll(async () => {
  aws.destroy();
  await sandbox.close();
});

const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const readings = (from: Date, to: Date, extra: { loadBalancer?: string; targetGroup?: string } = {}) =>
  aws.metrics.getTargetGroupReadings({ targetGroup: web.targetGroup, from, to, ...extra });

describe("target group readings", () => {
  it("one reading per minute: requests, target 5xx, p99 in ms, no throttles; a healthy revision passes the gates", async () => {
    await sandbox.control.advance(300);
    const r = await readings(at(0), at(5));
    expect(r.map((x) => x.timestamp)).toEqual([0, 1, 2, 3, 4].map(at));
    for (const x of r) {
      // 20 requests/s over 60 s, with the sandbox's ±15 % volume wobble.
      expect(x.invocations).toBeGreaterThan(1000);
      expect(x.invocations).toBeLessThan(1400);
      expect(x).toMatchObject({ periodSeconds: 60, errors: 0, throttles: 0, errorRatePercent: 0 });
      // ALB reports seconds; the gates compare milliseconds.
      expect(x.p99Ms).toBeGreaterThan(40);
      expect(x.p99Ms).toBeLessThan(1000);
    }
    expect(evaluateGates(DEFAULT_GATE_RULES, r, { kind: "validation", windowEndedAt: at(5) })).toEqual({ breached: false });
    expect(await readings(at(0), at(5), { loadBalancer: web.loadBalancer })).toEqual(r);
  });

  it("periods before the service existed, and an unknown target group, read as null", async () => {
    const before = await readings(at(-3), at(1));
    expect(before.slice(0, 3).every((x) => x.invocations === null && x.errors === null && x.throttles === null && x.p99Ms === null)).toBe(true);
    expect(before[3]?.invocations).toBeGreaterThan(0);
    const unknown = await readings(at(0), at(2), { targetGroup: "targetgroup/nothing/0000" });
    expect(unknown).toHaveLength(2);
    expect(unknown.every((x) => x.invocations === null && x.throttles === null)).toBe(true);
  });

  it("a revision answering 5xx raises the error count as its tasks take traffic, and trips the error-rate gate", async () => {
    await sandbox.control.ecs.injectTaskFault("web:2", { errorRate: 0.2 });
    const start = await sandbox.control.now();
    const read = await aws.ecs.describeService("it", "web");
    await aws.ecs.updateService("it", "web", { taskDefinition: "web:2", expectedPrimaryDeploymentId: read.primary.id });
    await sandbox.control.advance(600);
    expect((await aws.ecs.describeService("it", "web")).primary.rolloutState).toBe("COMPLETED");
    const r = await readings(start, await sandbox.control.now());
    expect(r).toHaveLength(10);
    expect(r[0]!.errors).toBe(0);
    const last = r[r.length - 1]!;
    expect(last.errors! / last.invocations!).toBeGreaterThan(0.15);
    expect(evaluateGates(DEFAULT_GATE_RULES, r, { kind: "shift" })).toMatchObject({ breached: true, rule: "ERROR_RATE" });
  });

  it("a frozen clock gives no new periods: asking again, or past now, reads nothing new", async () => {
    const now = await sandbox.control.now();
    const first = await readings(new Date(now.getTime() - 3 * MIN), new Date(now.getTime() + 5 * MIN));
    const again = await readings(new Date(now.getTime() - 3 * MIN), new Date(now.getTime() + 5 * MIN));
    expect(again).toEqual(first);
    expect(first.filter((x) => x.invocations !== null)).toHaveLength(3);
    expect(first.slice(3).every((x) => x.invocations === null && x.throttles === null)).toBe(true);
  });

  it("refuses a period that is not whole minutes, naming it", async () => {
    await expect(aws.metrics.getTargetGroupReadings({ targetGroup: web.targetGroup, from: at(0), to: at(2), periodSeconds: 90 })).rejects.toMatchObject({
      kind: "INVALID",
      message: expect.stringMatching(/whole number of minutes \(got 90 s\)/),
    });
  });
});
