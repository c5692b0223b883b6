import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  DEFAULT_GATE_RULES,
  describeGateRules,
  evaluateGates,
  gateReadFrom,
  resolveGateRules,
  type GateRules,
  type MetricReading,
} from "./deploy-gates";

const T0 = Date.UTC(2025, 2, 5, 14, 0, 0);
/** The reading for the minute starting at 14:0m. */
function at(minute: number, r: Partial<MetricReading> = {}): MetricReading {
  return {
    timestamp: new Date(T0 + minute * 60_000),
    periodSeconds: 60,
    invocations: 1000,
    errors: 0,
    throttles: 0,
    p99Ms: 200,
    ...r,
  };
}
const shift = { kind: "shift" } as const;
const rules = DEFAULT_GATE_RULES;

describe("healthy readings", () => {
  it("pass", () => {
    expect(evaluateGates(rules, [at(0), at(1), at(2)], shift)).toEqual({ breached: false });
    expect(evaluateGates(rules, [], shift)).toEqual({ breached: false });
  });
});

describe("error count: > 5 in each of 2 consecutive periods", () => {
  const big = { invocations: 1_000_000 }; // keep the error rate far below 0.1 %
  it("one bad period is not a breach", () => {
    expect(evaluateGates(rules, [at(0, { ...big, errors: 50 }), at(1, big)], shift).breached).toBe(false);
  });
  it("exactly 5 twice is not a breach (greater than)", () => {
    expect(evaluateGates(rules, [at(0, { ...big, errors: 5 }), at(1, { ...big, errors: 5 })], shift).breached).toBe(false);
  });
  it("6 twice in a row is, at the end of the second minute", () => {
    const v = evaluateGates(rules, [at(0, big), at(1, { ...big, errors: 6 }), at(2, { ...big, errors: 7 })], shift);
    expect(v).toMatchObject({ breached: true, rule: "ERROR_COUNT", value: 7, threshold: 5, at: new Date(T0 + 3 * 60_000) });
    if (v.breached) expect(v.message).toBe("errors 6 and 7 > 5 in each of 2 consecutive minutes, the last ending 14:03 UTC");
  });
  it("a missing period between two bad ones breaks the run", () => {
    const gap = [at(0, { ...big, errors: 9 }), at(2, { ...big, errors: 9 })];
    expect(evaluateGates(rules, gap, shift).breached).toBe(false);
    const nullErrors = [at(0, { ...big, errors: 9 }), at(1, { ...big, errors: null }), at(2, { ...big, errors: 9 })];
    expect(evaluateGates(rules, nullErrors, shift).breached).toBe(false);
  });
  it("readings out of order are evaluated in time order", () => {
    const v = evaluateGates(rules, [at(2, { ...big, errors: 8 }), at(1, { ...big, errors: 8 })], shift);
    expect(v).toMatchObject({ breached: true, rule: "ERROR_COUNT", at: new Date(T0 + 3 * 60_000) });
  });
});

describe("error rate ≥ 0.1 %", () => {
  it("exactly 0.1 % breaches; just under does not", () => {
    const v = evaluateGates(rules, [at(2, { invocations: 1000, errors: 1 })], shift);
    expect(v).toMatchObject({ breached: true, rule: "ERROR_RATE", threshold: 0.1 });
    if (v.breached) expect(v.message).toBe("error rate 0.1 % ≥ 0.1 % in the minute ending 14:03 UTC");
    expect(evaluateGates(rules, [at(2, { invocations: 1001, errors: 1 })], shift).breached).toBe(false);
  });
  it("speaks the seed's example", () => {
    const v = evaluateGates(rules, [at(2, { invocations: 1000, errors: 23 })], shift);
    if (!v.breached) throw new Error("expected a breach");
    expect(v.message).toBe("error rate 2.3 % ≥ 0.1 % in the minute ending 14:03 UTC");
  });
  it("missing or zero invocations give no rate from the sums; metric math is the fallback", () => {
    expect(evaluateGates(rules, [at(0, { invocations: null, errors: 3 })], shift).breached).toBe(false);
    expect(evaluateGates(rules, [at(0, { invocations: 0, errors: 0 })], shift).breached).toBe(false);
    const v = evaluateGates(rules, [at(0, { invocations: null, errors: null, errorRatePercent: 0.5 })], shift);
    expect(v).toMatchObject({ breached: true, rule: "ERROR_RATE", value: 0.5 });
  });
  it("the time zone of messages is configurable", () => {
    const v = evaluateGates(rules, [at(2, { errors: 23 })], shift, { timeZone: "Europe/Berlin" });
    if (!v.breached) throw new Error("expected a breach");
    expect(v.message).toMatch(/ending 15:03 /);
  });
});

describe("p99 and throttles", () => {
  it("p99 exactly 1000 ms breaches, 999.9 does not, missing is not a breach", () => {
    expect(evaluateGates(rules, [at(0, { p99Ms: 1000 })], shift)).toMatchObject({ rule: "P99_DURATION", value: 1000 });
    expect(evaluateGates(rules, [at(0, { p99Ms: 999.9 })], shift).breached).toBe(false);
    expect(evaluateGates(rules, [at(0, { p99Ms: null })], shift).breached).toBe(false);
  });
  it("any throttle breaches; a missing throttle datapoint does not", () => {
    const v = evaluateGates(rules, [at(0), at(1, { throttles: 1 })], shift);
    expect(v).toMatchObject({ breached: true, rule: "THROTTLES", value: 1 });
    if (v.breached) expect(v.message).toBe("1 throttled request > 0 allowed in the minute ending 14:02 UTC");
    expect(evaluateGates(rules, [at(0, { throttles: null })], shift).breached).toBe(false);
  });
  it("the earliest breach wins, whatever its rule", () => {
    const v = evaluateGates(rules, [at(0), at(1, { p99Ms: 5000 }), at(2, { throttles: 9 })], shift);
    expect(v).toMatchObject({ rule: "P99_DURATION", at: new Date(T0 + 2 * 60_000) });
  });
});

describe("validation window", () => {
  const ended = { kind: "validation", windowEndedAt: new Date(T0 + 10 * 60_000) } as const;
  it("needs invocations once the window has ended", () => {
    const zero = Array.from({ length: 10 }, (_, i) => at(i, { invocations: 0, errors: 0 }));
    expect(evaluateGates(rules, zero, ended)).toMatchObject({ rule: "NO_INVOCATIONS", value: 0 });
    expect(evaluateGates(rules, zero, { kind: "validation" }).breached).toBe(false);
    expect(evaluateGates(rules, zero, shift).breached).toBe(false);
  });
  it("missing datapoints are not zero errors: a window with none fails and says so", () => {
    const missing = Array.from({ length: 10 }, (_, i) => at(i, { invocations: null, errors: null, p99Ms: null }));
    const v = evaluateGates(rules, missing, ended);
    expect(v).toMatchObject({ breached: true, rule: "NO_INVOCATIONS", reading: null, at: ended.windowEndedAt });
    if (v.breached) expect(v.message).toMatch(/^no invocation datapoints in the 10-minute validation window ending 14:10 UTC/);
    expect(evaluateGates(rules, [], ended).breached).toBe(true);
  });
  it("one invocation is enough; it can be switched off", () => {
    expect(evaluateGates(rules, [at(3, { invocations: 1 })], ended).breached).toBe(false);
    const off = resolveGateRules({ validation: { requireInvocations: false } });
    expect(evaluateGates(off, [], ended).breached).toBe(false);
  });
});

describe("per-service rules", () => {
  it("null means the seed's defaults", () => {
    expect(resolveGateRules(null)).toEqual(DEFAULT_GATE_RULES);
    expect(describeGateRules(DEFAULT_GATE_RULES)).toContain("Errors > 5 per minute in 2 consecutive periods");
  });
  it("overrides merge field by field", () => {
    const r = resolveGateRules({ errorRate: { thresholdPercent: 1 }, p99Duration: { enabled: false }, validation: { minutes: 15 } });
    expect(r.errorRate).toEqual({ enabled: true, thresholdPercent: 1 });
    expect(r.p99Duration).toEqual({ enabled: false, thresholdMs: 1000 });
    expect(r.validation).toEqual({ minutes: 15, requireInvocations: true });
    expect(evaluateGates(r, [at(0, { errors: 5, p99Ms: 9000 })], shift).breached).toBe(false);
  });
  it("bad overrides are refused at the field", () => {
    try {
      resolveGateRules({ errorRate: { thresholdPercent: -1 }, bogus: 1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect(Object.keys((e as AppError).fields ?? {})).toContain("gateRules.errorRate.thresholdPercent");
    }
    expect(() => resolveGateRules({ periodSeconds: 90 })).toThrow(/whole minutes/);
  });
  it("three consecutive periods when configured", () => {
    const r: GateRules = { ...rules, errorRate: { ...rules.errorRate, enabled: false }, errorCount: { ...rules.errorCount, consecutivePeriods: 3 } };
    const two = [at(0, { errors: 9 }), at(1, { errors: 9 })];
    expect(evaluateGates(r, two, shift).breached).toBe(false);
    expect(evaluateGates(r, [...two, at(2, { errors: 9 })], shift)).toMatchObject({ rule: "ERROR_COUNT" });
  });
});

describe("properties", () => {
  const reading = fc.record({
    minute: fc.integer({ min: 0, max: 30 }),
    invocations: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    errors: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    throttles: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    p99Ms: fc.option(fc.double({ min: 1, max: 3000, noNaN: true }), { nil: null }),
  });
  const readings = fc
    .uniqueArray(reading, { selector: (r) => r.minute, maxLength: 15 })
    .map((rs) => rs.map(({ minute, ...r }) => at(minute, r)));

  it("a breach always points at a reading that violates its rule, at that reading's end", () => {
    fc.assert(
      fc.property(readings, (rs) => {
        const v = evaluateGates(rules, rs, shift);
        if (!v.breached) return;
        const r = v.reading!;
        expect(v.at.getTime()).toBe(r.timestamp.getTime() + 60_000);
        if (v.rule === "ERROR_COUNT") expect(r.errors).toBeGreaterThan(5);
        if (v.rule === "ERROR_RATE") expect(r.errors! / r.invocations!).toBeGreaterThanOrEqual(0.001 - 1e-12);
        if (v.rule === "P99_DURATION") expect(r.p99Ms).toBeGreaterThanOrEqual(1000);
        if (v.rule === "THROTTLES") expect(r.throttles).toBeGreaterThan(0);
      }),
    );
  });

  it("readings with all metrics missing never breach during the shift", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 60 })), (minutes) => {
        const rs = minutes.map((m) => at(m, { invocations: null, errors: null, throttles: null, p99Ms: null }));
        expect(evaluateGates(rules, rs, shift).breached).toBe(false);
      }),
    );
  });

  it("the order of the readings does not change the verdict", () => {
    fc.assert(
      fc.property(readings, (rs) => {
        expect(evaluateGates(rules, [...rs].reverse(), shift)).toEqual(evaluateGates(rules, rs, shift));
      }),
    );
  });
});

describe("where a tick's gate read starts", () => {
  const rules = DEFAULT_GATE_RULES; // 60 s periods, 2 consecutive for the error count
  const t = (h: number, m: number, sec = 0) => new Date(Date.UTC(2025, 2, 5, h, m, sec));

  it("never reads a period from before the traffic moved: those are the old version's", () => {
    // All at once at 10:00:20, first look at 10:03: 09:58 and 09:59 are the old version's traffic,
    // 10:00 still carries 20 s of it; the first period wholly the deployment's starts at 10:01.
    expect(gateReadFrom(rules, t(10, 0, 20), t(10, 3), t(10, 0, 20))).toEqual(t(10, 1));
    // Started exactly on a period boundary: that period is wholly the deployment's.
    expect(gateReadFrom(rules, t(10, 0), t(10, 3), t(10, 0))).toEqual(t(10, 0));
  });

  it("reaches back over the consecutive periods across a step change after the traffic moved", () => {
    expect(gateReadFrom(rules, t(10, 20), t(10, 22), t(10, 0, 20))).toEqual(t(10, 18));
  });

  it("reads at most 30 periods back however long ago the step began", () => {
    expect(gateReadFrom(rules, t(10, 0), t(14, 0), t(9, 0))).toEqual(t(13, 30));
  });

  it("never reads before the traffic moved, always reads the step's own periods", () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), fc.integer({ min: 0, max: 86_400 }), fc.integer({ min: 0, max: 86_400 }), (a, b, c) => {
        const started = new Date(T0 + a * 1000);
        const since = new Date(started.getTime() + b * 1000);
        const now = new Date(since.getTime() + c * 1000);
        const from = gateReadFrom(rules, since, now, started).getTime();
        expect(from).toBeGreaterThanOrEqual(started.getTime());
        expect(from).toBeGreaterThanOrEqual(now.getTime() - 30 * 60_000);
        // The step's own periods are always read, once it began a whole period into the deployment.
        if (b >= 60 && c < 29 * 60) expect(from).toBeLessThanOrEqual(since.getTime());
      }),
    ));
});
