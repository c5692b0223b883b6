import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  buildTrafficPlan,
  describePlan,
  planDurationSeconds,
  STRATEGY_NAMES,
  STRATEGY_OPTIONS,
  trafficPlanInputSchema,
  type TrafficPlan,
} from "./traffic-plan";

const schedule = (p: TrafficPlan) => p.steps.map((s) => [s.weight, s.waitSeconds]);
const linear = (every: number) => [
  ...[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((w) => [w, every * 60]),
  [1, 0],
];

// Written out by hand from the CodeDeploy documentation, independent of the implementation.
const EXPECTED: Record<string, number[][]> = {
  BLUE_GREEN: [[1, 600]],
  AllAtOnce: [[1, 0]],
  Canary10Percent5Minutes: [[0.1, 300], [1, 0]],
  Canary10Percent10Minutes: [[0.1, 600], [1, 0]],
  Canary10Percent15Minutes: [[0.1, 900], [1, 0]],
  Canary10Percent30Minutes: [[0.1, 1800], [1, 0]],
  Linear10PercentEvery1Minute: linear(1),
  Linear10PercentEvery2Minutes: linear(2),
  Linear10PercentEvery3Minutes: linear(3),
  Linear10PercentEvery10Minutes: linear(10),
};

describe("named plans", () => {
  it.each(Object.entries(EXPECTED))("%s has the CodeDeploy schedule", (name, expected) => {
    expect(schedule(buildTrafficPlan(name))).toEqual(expected);
  });

  it("Linear10PercentEvery10Minutes reaches 100 % after 90 minutes", () => {
    expect(planDurationSeconds(buildTrafficPlan("Linear10PercentEvery10Minutes"))).toBe(90 * 60);
  });

  it("blue-green takes a custom watch period", () => {
    expect(schedule(buildTrafficPlan("BLUE_GREEN", { watchMinutes: 3 }))).toEqual([[1, 180]]);
    expect(schedule(buildTrafficPlan("BLUE_GREEN", { watchMinutes: 0 }))).toEqual([[1, 0]]);
  });

  it("refuses a custom plan on a predefined strategy and an unknown name", () => {
    expect(() => buildTrafficPlan("Canary10Percent5Minutes", { percent: 20, minutes: 5 })).toThrow(/takes no custom plan/);
    expect(() => buildTrafficPlan("Canary50Percent")).toThrow(AppError);
  });

  it("lists every strategy exactly once with a label", () => {
    expect(STRATEGY_OPTIONS.map((o) => o.id).sort()).toEqual([...STRATEGY_NAMES].sort());
    for (const o of STRATEGY_OPTIONS) expect(o.label.length).toBeGreaterThan(3);
    expect(STRATEGY_OPTIONS.find((o) => o.id === "Linear10PercentEvery1Minute")?.label).toBe("Linear 10 % every minute");
  });

  it("describes a plan in one line", () => {
    expect(describePlan(buildTrafficPlan("Canary10Percent5Minutes"))).toBe("10 % for 5 min → 100 %");
  });
});

describe("custom plans", () => {
  it("custom canary and linear", () => {
    expect(schedule(buildTrafficPlan("CUSTOM_CANARY", { percent: 25, minutes: 7 }))).toEqual([[0.25, 420], [1, 0]]);
    expect(schedule(buildTrafficPlan("CUSTOM_LINEAR", { percent: 30, everyMinutes: 2 }))).toEqual([
      [0.3, 120],
      [0.6, 120],
      [0.9, 120],
      [1, 0],
    ]);
  });

  it("custom steps append the final 100 % unless given", () => {
    const steps = [{ weight: 0.05, minutes: 5 }, { weight: 0.5, minutes: 10 }];
    expect(schedule(buildTrafficPlan("CUSTOM_STEPS", steps))).toEqual([[0.05, 300], [0.5, 600], [1, 0]]);
    expect(schedule(buildTrafficPlan("CUSTOM_STEPS", [...steps, { weight: 1, minutes: 15 }]))).toEqual([
      [0.05, 300],
      [0.5, 600],
      [1, 900],
    ]);
  });

  it.each([
    ["decreasing weights", [{ weight: 0.5, minutes: 5 }, { weight: 0.2, minutes: 5 }], "customPlan.1.weight", /must increase/],
    ["equal weights", [{ weight: 0.2, minutes: 5 }, { weight: 0.2, minutes: 5 }], "customPlan.1.weight", /must increase/],
    ["zero weight", [{ weight: 0, minutes: 5 }], "customPlan.0.weight", /more than 0/],
    ["over 100 %", [{ weight: 1.5, minutes: 5 }], "customPlan.0.weight", /at most 1/],
    ["100 % in the middle", [{ weight: 1, minutes: 5 }, { weight: 1, minutes: 5 }], "customPlan.0.weight", /last step/],
    ["partial step held 0 min", [{ weight: 0.1, minutes: 0 }], "customPlan.0.minutes", /at least 1 minute/],
    ["no steps", [], "customPlan", /at least one step/],
  ])("custom steps refuse %s at the field", (_name, steps, field, message) => {
    const r = trafficPlanInputSchema.safeParse({ strategy: "CUSTOM_STEPS", customPlan: steps });
    expect(r.success).toBe(false);
    const issue = r.error?.issues.find((i) => i.path.join(".") === field);
    expect(issue?.message).toMatch(message);
    expect(() => buildTrafficPlan("CUSTOM_STEPS", steps)).toThrow(AppError);
  });

  it("requires a custom plan for custom strategies", () => {
    const r = trafficPlanInputSchema.safeParse({ strategy: "CUSTOM_CANARY" });
    expect(r.error?.issues[0]?.path).toEqual(["customPlan"]);
    expect(() => buildTrafficPlan("CUSTOM_LINEAR", { percent: 0, everyMinutes: 1 })).toThrow(/at least 1 %/);
    try {
      buildTrafficPlan("CUSTOM_CANARY", { percent: 10, minutes: 1.5 });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).fields).toEqual({ "customPlan.minutes": "Canary duration must be whole minutes" });
    }
  });
});

/** Every plan, however built, must end at 100 % and only ever increase. */
function assertWellFormed(plan: TrafficPlan) {
  expect(plan.steps.length).toBeGreaterThan(0);
  expect(plan.steps.at(-1)?.weight).toBe(1);
  plan.steps.forEach((s, i) => {
    expect(s.weight).toBeGreaterThan(0);
    expect(s.weight).toBeLessThanOrEqual(1);
    expect(Number.isInteger(s.waitSeconds) && s.waitSeconds >= 0).toBe(true);
    if (i > 0) expect(s.weight).toBeGreaterThan(plan.steps[i - 1]!.weight);
  });
}

describe("properties", () => {
  const mins = fc.integer({ min: 1, max: 2880 });
  const pctArb = fc.integer({ min: 1, max: 99 });

  it("custom canary: one partial step held as asked, then 100 %", () => {
    fc.assert(
      fc.property(pctArb, mins, (percent, minutes) => {
        const plan = buildTrafficPlan("CUSTOM_CANARY", { percent, minutes });
        assertWellFormed(plan);
        expect(schedule(plan)).toEqual([[percent / 100, minutes * 60], [1, 0]]);
      }),
    );
  });

  it("custom linear: equal increments, ceil(100/p) steps, every partial step held the interval", () => {
    fc.assert(
      fc.property(pctArb, mins, (percent, everyMinutes) => {
        const plan = buildTrafficPlan("CUSTOM_LINEAR", { percent, everyMinutes });
        assertWellFormed(plan);
        expect(plan.steps).toHaveLength(Math.ceil(100 / percent));
        plan.steps.slice(0, -1).forEach((s, i) => {
          expect(s.weight).toBeCloseTo(((i + 1) * percent) / 100, 12);
          expect(s.waitSeconds).toBe(everyMinutes * 60);
        });
      }),
    );
  });

  it("custom steps: valid input keeps its steps; any accepted input is well formed", () => {
    const increasing = fc
      .uniqueArray(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 19 })
      .map((ws) => [...ws].sort((a, b) => a - b))
      .chain((ws) => fc.tuple(fc.constant(ws), fc.array(mins, { minLength: ws.length, maxLength: ws.length })));
    fc.assert(
      fc.property(increasing, ([weights, minutes]) => {
        const steps = weights.map((weight, i) => ({ weight, minutes: minutes[i]! }));
        const plan = buildTrafficPlan("CUSTOM_STEPS", steps);
        assertWellFormed(plan);
        expect(plan.steps.slice(0, -1)).toEqual(steps.map((s) => ({ weight: s.weight, waitSeconds: s.minutes * 60 })));
      }),
    );
    const anySteps = fc.array(
      fc.record({ weight: fc.double({ min: -0.5, max: 1.5, noNaN: true }), minutes: fc.integer({ min: -1, max: 3000 }) }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(anySteps, (steps) => {
        const ok = trafficPlanInputSchema.safeParse({ strategy: "CUSTOM_STEPS", customPlan: steps }).success;
        if (ok) assertWellFormed(buildTrafficPlan("CUSTOM_STEPS", steps));
        else expect(() => buildTrafficPlan("CUSTOM_STEPS", steps)).toThrow(AppError);
      }),
    );
  });
});
