import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHANGE_FAILURE_CENTRES, DORA_LEVELS, DORA_RULES, doraLevel, gradeDora, MIN_DEPLOYMENTS, type DoraMetric } from "./dora-levels";

const HOUR = 3600;
const DAY = 24 * HOUR;
const rank = (l: string | null) => DORA_LEVELS.indexOf(l as (typeof DORA_LEVELS)[number]);

describe("DORA levels from the 2023 report's clusters", () => {
  it("deployment frequency per week: multiple a day is elite, once a day is high, monthly is medium", () => {
    expect(doraLevel("deploymentFrequency", 20)).toBe("elite");
    expect(doraLevel("deploymentFrequency", 14)).toBe("elite");
    expect(doraLevel("deploymentFrequency", 10)).toBe("high"); // more than daily but not twice a day
    expect(doraLevel("deploymentFrequency", 7)).toBe("high");
    expect(doraLevel("deploymentFrequency", 1)).toBe("high");
    expect(doraLevel("deploymentFrequency", 0.5)).toBe("medium");
    expect(doraLevel("deploymentFrequency", 12 / 52)).toBe("medium");
    expect(doraLevel("deploymentFrequency", 0.2)).toBe("low");
  });

  it("lead time: under a day, a week, a month", () => {
    expect(doraLevel("leadTime", 3 * HOUR)).toBe("elite");
    expect(doraLevel("leadTime", DAY)).toBe("high");
    expect(doraLevel("leadTime", 7 * DAY - 1)).toBe("high");
    expect(doraLevel("leadTime", 7 * DAY)).toBe("medium");
    expect(doraLevel("leadTime", 30 * DAY)).toBe("low");
  });

  it("recovery time: under an hour, a day, a week", () => {
    expect(doraLevel("recoveryTime", 9 * 60)).toBe("elite");
    expect(doraLevel("recoveryTime", HOUR)).toBe("high");
    expect(doraLevel("recoveryTime", 2 * DAY)).toBe("medium");
    expect(doraLevel("recoveryTime", 8 * DAY)).toBe("low");
  });

  it("change failure rate: the nearest published cluster centre wins (17.9 % is Medium, not Low)", () => {
    expect(doraLevel("changeFailureRate", 0)).toBe("elite");
    expect(doraLevel("changeFailureRate", 0.07)).toBe("elite");
    expect(doraLevel("changeFailureRate", 0.11)).toBe("high");
    expect(doraLevel("changeFailureRate", 0.179)).toBe("medium");
    expect(doraLevel("changeFailureRate", 0.39)).toBe("medium");
    expect(doraLevel("changeFailureRate", 0.4)).toBe("low");
    for (const [level, centre] of Object.entries(CHANGE_FAILURE_CENTRES)) expect(doraLevel("changeFailureRate", centre)).toBe(level);
  });

  it("property: each failure rate gets the level of its nearest centre", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (r) => {
        const dist = DORA_LEVELS.map((l) => Math.abs(r - CHANGE_FAILURE_CENTRES[l]));
        const best = Math.min(...dist);
        // At an exact midpoint either neighbour is nearest; the rule picks one of them.
        expect(dist[rank(doraLevel("changeFailureRate", r))]).toBeCloseTo(best, 12);
      }),
    );
  });

  it("property (monotonic): a better figure never gets a worse level", () => {
    const higherIsBetter: Record<DoraMetric, boolean> = { deploymentFrequency: true, leadTime: false, recoveryTime: false, changeFailureRate: false };
    const max: Record<DoraMetric, number> = { deploymentFrequency: 100, leadTime: 200 * DAY, recoveryTime: 60 * DAY, changeFailureRate: 1 };
    const metric = fc.constantFrom(...(Object.keys(DORA_RULES) as DoraMetric[]));
    fc.assert(
      fc.property(metric, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (m, a, b) => {
        const [x, y] = [a * max[m], b * max[m]];
        const better = higherIsBetter[m] ? Math.max(x, y) : Math.min(x, y);
        const worse = higherIsBetter[m] ? Math.min(x, y) : Math.max(x, y);
        expect(rank(doraLevel(m, better))).toBeLessThanOrEqual(rank(doraLevel(m, worse)));
      }),
    );
  });

  it("no value, no level", () => {
    expect(doraLevel("leadTime", null)).toBeNull();
    expect(doraLevel("changeFailureRate", Number.NaN)).toBeNull();
  });
});

describe("grading needs enough data", () => {
  it("a service with no deployments is not graded Low", () => {
    expect(gradeDora("deploymentFrequency", 0, 0, 0)).toEqual({ level: "not-enough-data", reason: "0 deployments finished; a level needs at least 5." });
  });

  it("below the minimum sample there is no grade, at it there is", () => {
    expect(gradeDora("changeFailureRate", 0.25, MIN_DEPLOYMENTS - 1, MIN_DEPLOYMENTS - 1).level).toBe("not-enough-data");
    expect(gradeDora("changeFailureRate", 0.2, MIN_DEPLOYMENTS, MIN_DEPLOYMENTS).level).toBe("medium");
    expect(gradeDora("leadTime", HOUR, 20, 4)).toEqual({ level: "not-enough-data", reason: "4 deployments with a known commit time; a level needs at least 5." });
    expect(gradeDora("recoveryTime", null, 20, 0).level).toBe("not-enough-data");
    expect(gradeDora("recoveryTime", 300, 20, 1)).toEqual({ level: "elite", reason: null });
  });

  it("property: with enough data the grade is the value's level; with too few it never is a level", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (finished, r) => {
        const g = gradeDora("changeFailureRate", r, finished, finished);
        expect(g.level).toBe(finished >= MIN_DEPLOYMENTS ? doraLevel("changeFailureRate", r) : "not-enough-data");
      }),
    );
  });
});
