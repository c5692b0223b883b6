// GetMetricData through the real CloudWatch SDK client against the sandbox. The sandbox clock is
// frozen and moved with advance(), so every reading is a pure function of seed and time.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_GATE_RULES, evaluateGates, type MetricReading } from "@/lib/domain/deploy-gates";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { createAwsGateways, type AwsGateways } from "./index";
import { scaled } from "@/test/timeouts";

const T0 = new Date("2025-03-05T14:00:00Z");
const MIN = 60_000;
let sandbox: SandboxHandle;
let aws: AwsGateways;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0, seed: 7, startTime: T0 });
  aws = createAwsGateways({ endpoint: sandbox.url, maxAttempts: 3, retryBaseDelayMs: 2, retryMaxDelayMs: 10 });
  await sandbox.control.createFunction({ name: "catalog", versions: 3, alias: "live", aliasVersion: "2", requestRate: 50 });
  await sandbox.control.createFunction({ name: "media", versions: 2, alias: "live", aliasVersion: "1", requestRate: 20 });
});
afterAll(async () => {
  aws.destroy();
  await sandbox.close();
});

const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const readings = (functionName: string, from: Date, to: Date, version?: string) =>
  aws.metrics.getReadings({ functionName, alias: "live", version, from, to });

describe("canary metrics", () => {
  let canaryBefore: MetricReading[] = [];

  it("per-version invocations follow the alias weights", async () => {
    const a = await aws.lambda.getAlias("catalog", "live");
    await aws.lambda.shiftTraffic("catalog", "live", { stableVersion: "2", newVersion: "3", weight: 0.1, revisionId: a.revisionId });
    await sandbox.control.advance(600);

    const [alias, stable, canary] = await Promise.all([
      readings("catalog", at(0), at(10)),
      readings("catalog", at(0), at(10), "2"),
      readings("catalog", at(0), at(10), "3"),
    ]);
    expect(canary).toHaveLength(10);
    expect(canary[0]?.timestamp).toEqual(at(0));
    canary.forEach((c, i) => {
      const total = alias[i]!.invocations!;
      expect(total).toBeGreaterThan(2500);
      expect(c.invocations! + stable[i]!.invocations!).toBe(total);
      expect(c.invocations! / total).toBeCloseTo(0.1, 2);
      expect(c).toMatchObject({ errors: 0, throttles: 0, errorRatePercent: 0 });
      expect(c.p99Ms).toBeGreaterThan(150);
      expect(c.p99Ms).toBeLessThan(250);
    });
    expect(evaluateGates(DEFAULT_GATE_RULES, canary, { kind: "shift" })).toEqual({ breached: false });
    canaryBefore = canary;
  });

  it("an injected error rate shows on that version only, from the minute it started; the past is unchanged", async () => {
    await sandbox.control.injectFault("catalog", "3", { errorRate: 0.05 });
    await sandbox.control.advance(180);
    const [canary, stable] = await Promise.all([readings("catalog", at(0), at(13), "3"), readings("catalog", at(0), at(13), "2")]);
    expect(canary.slice(0, 10)).toEqual(canaryBefore);
    for (const r of canary.slice(10)) {
      const rate = (r.errors! / r.invocations!) * 100;
      expect(rate).toBeGreaterThan(2);
      expect(rate).toBeLessThan(9);
      expect(r.errorRatePercent).toBeCloseTo(rate, 9);
    }
    expect(stable.every((r) => r.errors === 0)).toBe(true);
    const verdict = evaluateGates(DEFAULT_GATE_RULES, canary, { kind: "shift" });
    expect(verdict).toMatchObject({ breached: true, rule: "ERROR_RATE", at: at(11) });
    if (verdict.breached) expect(verdict.message).toMatch(/^error rate [\d.]+ % ≥ 0.1 % in the minute ending 14:11 UTC$/);
    await sandbox.control.clearFault("catalog", "3");
  });
});

describe("missing datapoints", () => {
  it("periods before the alias existed, and a version without traffic, read as null", async () => {
    const [alias, idle] = await Promise.all([readings("media", at(-5), at(3)), readings("media", at(0), at(10), "2")]);
    expect(alias.slice(0, 5).every((r) => r.invocations === null && r.errors === null && r.p99Ms === null)).toBe(true);
    expect(alias.slice(5).every((r) => (r.invocations ?? 0) > 0)).toBe(true);
    expect(idle.every((r) => r.invocations === null)).toBe(true);
    const verdict = evaluateGates(DEFAULT_GATE_RULES, idle, { kind: "validation", windowEndedAt: at(10) });
    expect(verdict).toMatchObject({ breached: true, rule: "NO_INVOCATIONS" });
  });

  it("periods not yet over on the sandbox clock are not reported", async () => {
    const now = await sandbox.control.now();
    const r = await readings("media", new Date(now.getTime() - 2 * MIN), new Date(now.getTime() + 5 * MIN));
    expect(r.filter((x) => x.invocations !== null)).toHaveLength(2);
  });
});

describe("latency and throttling faults", () => {
  it("trip the p99 and throttle gates", async () => {
    const start = await sandbox.control.now();
    await sandbox.control.injectFault("media", "1", { addedLatencyMs: 1200 });
    await sandbox.control.advance(120);
    const slow = await readings("media", start, await sandbox.control.now());
    expect(slow.every((r) => (r.p99Ms ?? 0) > 1200)).toBe(true);
    expect(evaluateGates(DEFAULT_GATE_RULES, slow, { kind: "validation" })).toMatchObject({ rule: "P99_DURATION" });

    await sandbox.control.injectFault("media", "1", { throttleRate: 0.25 });
    const mid = await sandbox.control.now();
    await sandbox.control.advance(120);
    const throttled = await readings("media", mid, await sandbox.control.now());
    for (const r of throttled) {
      const share = r.throttles! / (r.throttles! + r.invocations!);
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.3);
    }
    expect(evaluateGates(DEFAULT_GATE_RULES, throttled, { kind: "validation" })).toMatchObject({ rule: "THROTTLES" });
    await sandbox.control.clearAllFaults();
  });
});

describe("resilience and clock", () => {
  it("retries a throttled GetMetricData", async () => {
    await sandbox.control.injectControlFault({ operation: "GetMetricData", kind: "THROTTLE", count: 2 });
    const r = await readings("media", at(0), at(2));
    expect(r).toHaveLength(2);
    expect((await sandbox.control.faults()).controlFaults).toEqual([]);
  });

  it("refuses a period that is not whole minutes", async () => {
    await expect(aws.metrics.getReadings({ functionName: "media", alias: "live", from: at(0), to: at(2), periodSeconds: 90 })).rejects.toMatchObject({
      kind: "INVALID",
    });
  });

  it("the clock runs at the time scale, so a 30-minute canary takes 30 s at scale 60", async () => {
    const realStart = Date.now();
    const start = (await sandbox.control.setTimeScale(600)).nowMs;
    // At scale 600 two simulated minutes are 200 real ms; waitFor polls, it does not sleep blindly.
    await vi.waitFor(async () => expect((await sandbox.control.clock()).nowMs - start).toBeGreaterThanOrEqual(2 * MIN), {
      timeout: scaled(20_000),
      interval: 20,
    });
    const clock = await sandbox.control.setTimeScale(0);
    const simElapsed = clock.nowMs - start;
    expect(simElapsed / (Date.now() - realStart)).toBeLessThanOrEqual(600);
    expect(clock.scale).toBe(0);
  });
});
