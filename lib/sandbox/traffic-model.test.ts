import { describe, expect, it } from "vitest";
import { aliasMinute, mixtureMean, mixtureQuantile } from "./traffic-model";
import type { SandboxAlias, SandboxFunction, VersionFault } from "./types";

const T = Date.UTC(2025, 0, 1, 12, 0, 0);
const behavior = { medianLatencyMs: 100, errorRate: 0 };
const version = (v: string) => ({ version: v, codeSha256: v, description: "", lastModified: "", revisionId: v, behavior });
const fn: SandboxFunction = {
  name: "f",
  description: "",
  runtime: "nodejs20.x",
  handler: "index.handler",
  createdAt: "",
  latest: { codeSha256: "x", description: "", lastModified: "", revisionId: "r", behavior },
  versions: [version("1"), version("2")],
  nextVersion: 3,
  aliases: {},
};
const alias = (history: SandboxAlias["history"]): SandboxAlias => ({ name: "live", description: "", revisionId: "r", history });
const noFaults = () => undefined;

describe("aliasMinute", () => {
  it("splits requests by the alias weights exactly, up to rounding", () => {
    const a = alias([{ at: T - 3600_000, functionVersion: "1", weights: { "2": 0.1 }, requestRate: 100 }]);
    const cells = aliasMinute(7, fn, a, T, noFaults);
    const v1 = cells.get("1")!;
    const v2 = cells.get("2")!;
    expect(v1.requests + v2.requests).toBeGreaterThan(5000);
    expect(v2.requests / (v1.requests + v2.requests)).toBeCloseTo(0.1, 3);
    expect(v1.errors + v2.errors + v1.throttles + v2.throttles).toBe(0);
  });
  it("is a pure function of seed and minute", () => {
    const a = alias([{ at: T - 3600_000, functionVersion: "1", weights: {}, requestRate: 20 }]);
    expect(aliasMinute(7, fn, a, T, noFaults)).toEqual(aliasMinute(7, fn, a, T, noFaults));
    expect(aliasMinute(7, fn, a, T, noFaults)).not.toEqual(aliasMinute(8, fn, a, T, noFaults));
  });
  it("has no traffic before the alias existed, and part of a minute when created mid-minute", () => {
    const a = alias([{ at: T + 30_000, functionVersion: "1", weights: {}, requestRate: 100 }]);
    expect(aliasMinute(7, fn, a, T - 60_000, noFaults).size).toBe(0);
    const half = aliasMinute(7, fn, a, T, noFaults).get("1")!;
    expect(half.requests).toBeGreaterThan(2500);
    expect(half.requests).toBeLessThan(3500);
  });
  it("applies a fault from the second it starts", () => {
    const a = alias([{ at: T - 3600_000, functionVersion: "1", weights: {}, requestRate: 100 }]);
    const fault = (_f: string, _v: string, at: number): VersionFault | undefined => (at >= T + 30_000 ? { errorRate: 0.5, throttleRate: 0.2 } : undefined);
    const c = aliasMinute(7, fn, a, T, fault).get("1")!;
    // Half the minute at 20 % throttling and 50 % errors: ~10 % throttled, ~22 % of the rest failing.
    expect(c.throttles / c.requests).toBeGreaterThan(0.08);
    expect(c.throttles / c.requests).toBeLessThan(0.12);
    expect(c.errors / c.invocations).toBeGreaterThan(0.19);
    expect(c.errors / c.invocations).toBeLessThan(0.25);
    expect(c.invocations + c.throttles).toBe(c.requests);
  });
});

describe("latency mixture", () => {
  it("p99 of one log-normal is median · e^(2.326σ)", () => {
    expect(mixtureQuantile([{ weight: 1, medianMs: 100, addedMs: 0 }], 0.99)).toBeCloseTo(100 * Math.exp(2.3263 * 0.35), 0);
    expect(mixtureQuantile([{ weight: 1, medianMs: 100, addedMs: 0 }], 0.5)).toBeCloseTo(100, 3);
  });
  it("added latency on 2 % of traffic moves the p99 past it", () => {
    const p99 = mixtureQuantile([{ weight: 98, medianMs: 100, addedMs: 0 }, { weight: 2, medianMs: 100, addedMs: 1500 }], 0.99)!;
    expect(p99).toBeGreaterThan(1500);
    expect(mixtureQuantile([], 0.99)).toBeNull();
    expect(mixtureMean([{ weight: 1, medianMs: 100, addedMs: 50 }])).toBeCloseTo(50 + 100 * Math.exp(0.35 ** 2 / 2), 6);
  });
});
