import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRolloutConfig, circuitBreakerThreshold, planRolloutStep, rolloutLimits, simulateRollout, type RolloutConfig } from "./ecs-rollout";

const cfg = (desiredCount: number, maximumPercent: number, minimumHealthyPercent: number): RolloutConfig => ({ desiredCount, maximumPercent, minimumHealthyPercent });

describe("limits: maximumPercent rounds down, minimumHealthyPercent rounds up", () => {
  it.each([
    // desired, max %, min %, max tasks, min healthy
    [1, 150, 100, 1, 1],
    [2, 150, 100, 3, 2],
    [6, 150, 100, 9, 6],
    [10, 150, 100, 15, 10],
    [500, 150, 100, 750, 500],
    [3, 125, 100, 3, 3], // AWS's example: 125 % of 3 cannot start a task
    [2, 200, 75, 4, 2], // AWS's example: 75 % of 2 cannot stop a task
    [4, 200, 50, 8, 2],
    [10, 110, 100, 11, 10],
    [7, 133, 33, 9, 3],
  ])("desired %i at %i/%i → %i max, %i healthy", (d, max, min, maxTasks, minHealthy) => {
    expect(rolloutLimits(cfg(d, max, min))).toEqual({ maxTasks, minHealthy });
  });
});

describe("circuit breaker threshold: ceil(0.5 × desired), at least 3, at most 200", () => {
  it.each([
    [1, 3],
    [2, 3],
    [6, 3],
    [7, 4],
    [10, 5],
    [25, 13],
    [399, 200],
    [400, 200],
    [500, 200],
    [800, 200],
  ])("desired %i → %i", (d, t) => expect(circuitBreakerThreshold(d)).toBe(t));

  it("honours a COUNT or UNBOUNDED_PERCENT threshold configuration", () => {
    expect(circuitBreakerThreshold(10, { type: "COUNT", value: 2 })).toBe(2);
    expect(circuitBreakerThreshold(1000, { type: "UNBOUNDED_PERCENT", value: 50 })).toBe(500);
  });
});

describe("the first step at desired 10", () => {
  it("starts 5 new tasks at 150/100 and stops none", () => {
    expect(planRolloutStep(cfg(10, 150, 100), { desiredCount: 10, oldHealthy: 10, oldOther: 0, newStarting: 0, newHealthy: 0 })).toEqual({ start: 5, stop: 0 });
  });
  it("starts one at a time at 110/100", () => {
    expect(planRolloutStep(cfg(10, 110, 100), { desiredCount: 10, oldHealthy: 10, oldOther: 0, newStarting: 0, newHealthy: 0 })).toEqual({ start: 1, stop: 0 });
  });
  it("stops half first at 100/50 (no room above desired)", () => {
    expect(planRolloutStep(cfg(10, 100, 50), { desiredCount: 10, oldHealthy: 10, oldOther: 0, newStarting: 0, newHealthy: 0 })).toEqual({ start: 5, stop: 5 });
  });
  it("uses room freed by draining tasks only once they are gone when stops are not instant", () => {
    const n = { desiredCount: 10, oldHealthy: 10, oldOther: 0, newStarting: 0, newHealthy: 5 };
    expect(planRolloutStep(cfg(10, 150, 100), n, false)).toEqual({ start: 0, stop: 5 });
    expect(planRolloutStep(cfg(10, 150, 100), { ...n, oldHealthy: 5 }, false)).toEqual({ start: 5, stop: 0 });
  });
  it("replaces healthy-for-healthy once new tasks pass their checks", () => {
    expect(planRolloutStep(cfg(10, 150, 100), { desiredCount: 10, oldHealthy: 10, oldOther: 0, newStarting: 0, newHealthy: 5 })).toEqual({ start: 5, stop: 5 });
  });
});

describe("configurations ECS refuses or that can never move", () => {
  it("refuses minimum above maximum, fractions and negatives with the field named", () => {
    expect(checkRolloutConfig(cfg(10, 90, 100))[0]).toMatchObject({ field: "minimumHealthyPercent", kind: "refused" });
    expect(checkRolloutConfig(cfg(10, 90, 100))[0]?.message).toMatch(/minimumHealthyPercent \(100\) is above maximumPercent \(90\)/);
    expect(checkRolloutConfig(cfg(10, 150.5, 100))[0]).toMatchObject({ field: "maximumPercent", kind: "refused" });
    expect(checkRolloutConfig(cfg(-1, 150, 100))[0]).toMatchObject({ field: "desiredCount" });
    expect(checkRolloutConfig(cfg(10, 200, 120))[0]?.message).toMatch(/cannot exceed 100/);
  });
  it("says 100/100 leaves no room to replace a task", () => {
    const [p] = checkRolloutConfig(cfg(10, 100, 100));
    expect(p).toMatchObject({ kind: "stuck", field: "maximumPercent" });
    expect(p?.message).toMatch(/allows 10 task\(s\).*keeps 10 healthy.*neither start a new task nor stop an old one/);
  });
  it("catches rounding traps: 125 % of 3 and 75 % of 2", () => {
    expect(checkRolloutConfig(cfg(3, 125, 100))[0]?.kind).toBe("stuck");
    expect(checkRolloutConfig(cfg(2, 100, 75))[0]?.kind).toBe("stuck");
    // The seed's 150/100 on a single task: 1.5 rounds down to 1, so no task can be replaced.
    expect(checkRolloutConfig(cfg(1, 150, 100))[0]).toMatchObject({ kind: "stuck", field: "maximumPercent" });
  });
  it("accepts the seed's 150/100 from 2 tasks up, and anything at desired 0", () => {
    for (const d of [2, 6, 10, 500]) expect(checkRolloutConfig(cfg(d, 150, 100))).toEqual([]);
    expect(checkRolloutConfig(cfg(0, 100, 100))).toEqual([]);
  });
});

describe("simulated rollouts", () => {
  it.each([
    [1, 200, 100, 1],
    [1, 100, 0, 1],
    [2, 150, 100, 2],
    [6, 150, 100, 2],
    [10, 150, 100, 2],
    [10, 110, 100, 10],
    [500, 150, 100, 2],
  ])("desired %i at %i/%i completes in %i launch waves", (d, max, min, waves) => {
    const r = simulateRollout(cfg(d, max, min));
    expect(r.completed).toBe(true);
    expect(r.steps.filter((s) => s.start > 0)).toHaveLength(waves);
  });

  it("trips the circuit breaker at its threshold when every new task fails", () => {
    const r = simulateRollout(cfg(10, 150, 100), () => true);
    expect(r).toMatchObject({ failed: true, completed: false, failures: 5 });
    // The healthy old tasks were never touched.
    expect(r.steps.every((s) => s.oldHealthy === 10)).toBe(true);
  });

  const valid = fc
    .record({ desiredCount: fc.integer({ min: 1, max: 300 }), maximumPercent: fc.integer({ min: 100, max: 300 }), minimumHealthyPercent: fc.integer({ min: 0, max: 100 }) })
    .filter((c) => checkRolloutConfig(c).length === 0);

  it("never exceeds maximumPercent, never drops below minimumHealthyPercent, always finishes without failures", () => {
    fc.assert(
      fc.property(valid, (c) => {
        const { maxTasks, minHealthy } = rolloutLimits(c);
        const r = simulateRollout(c);
        for (const s of r.steps) {
          expect(s.oldHealthy + s.oldOther + s.newStarting + s.newHealthy).toBeLessThanOrEqual(maxTasks);
          expect(s.oldHealthy + s.newHealthy).toBeGreaterThanOrEqual(minHealthy);
        }
        expect(r.completed).toBe(true);
      }),
    );
  });

  it("keeps the bounds while random tasks fail, and fails only at the threshold", () => {
    fc.assert(
      fc.property(valid, fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), (c, pattern) => {
        const { maxTasks, minHealthy } = rolloutLimits(c);
        const r = simulateRollout(c, (k) => pattern[k % pattern.length]!);
        for (const s of r.steps) {
          expect(s.oldHealthy + s.oldOther + s.newStarting + s.newHealthy).toBeLessThanOrEqual(maxTasks);
          expect(s.oldHealthy + s.newHealthy).toBeGreaterThanOrEqual(minHealthy);
        }
        if (r.failed) expect(r.failures).toBe(circuitBreakerThreshold(c.desiredCount));
        else expect(r.failures).toBeLessThan(circuitBreakerThreshold(c.desiredCount));
      }),
    );
  });
});
