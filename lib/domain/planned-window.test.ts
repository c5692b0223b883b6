import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { windowIntervals, windowStatus } from "./deploy-window";
import { nextAllowedStart, plannedWindowProblems } from "./planned-window";
import { DEFAULT_POLICY } from "./policy";
import type { RiskLevel } from "./vocabulary";

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toJSDate();
const RISKS: RiskLevel[] = ["LOW", "MEDIUM", "HIGH"];
// Minute-aligned instants over two years, crossing both daylight-saving changes.
const instant = fc.integer({ min: 0, max: 2 * 365 * 24 * 60 }).map((m) => new Date(Date.UTC(2026, 0, 1) + m * 60_000));

describe("plannedWindowProblems", () => {
  it("refuses a Medium change planned for Saturday 22:00, naming the rule and the time", () => {
    const [p] = plannedWindowProblems(DEFAULT_POLICY, { risk: "MEDIUM", start: berlin("2026-12-05T22:00"), durationMin: 15 }, []);
    expect(p?.message).toBe(
      "Medium risk deploys only during business hours (Mon–Fri 09:00–17:00 Europe/Berlin); the planned start Saturday 5 Dec 22:00 Europe/Berlin is outside it",
    );
  });

  it("refuses a window that starts inside business hours but runs past their end", () => {
    const [p] = plannedWindowProblems(DEFAULT_POLICY, { risk: "MEDIUM", start: berlin("2026-12-03T16:30"), durationMin: 60 }, []);
    expect(p?.message).toContain("runs past 17:00, when it closes");
  });

  it("names a freeze the planned window touches", () => {
    const freeze = { name: "Black Friday", startsAt: berlin("2026-11-27T00:00"), endsAt: berlin("2026-12-01T23:59") };
    const problems = plannedWindowProblems(DEFAULT_POLICY, { risk: "LOW", start: berlin("2026-11-28T10:00"), durationMin: 15 }, [freeze]);
    expect(problems).toEqual([{ code: "FREEZE", message: "the planned window falls inside the freeze 'Black Friday' (27 Nov 00:00 – 1 Dec 23:59 Europe/Berlin)" }]);
    expect(plannedWindowProblems(DEFAULT_POLICY, { risk: "LOW", start: berlin("2026-12-02T10:00"), durationMin: 15 }, [freeze])).toEqual([]);
  });

  it("accepts a High change over the weekend across midnight (the after-hours windows merge)", () => {
    expect(plannedWindowProblems(DEFAULT_POLICY, { risk: "HIGH", start: berlin("2026-12-04T23:30"), durationMin: 120 }, [])).toEqual([]);
  });

  it("agrees with deploy readiness: allowed exactly when the window is open at every minute of the plan", () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...RISKS), fc.integer({ min: 1, max: 6 }), (start, risk, quarters) => {
        const durationMin = quarters * 15;
        const allowed = plannedWindowProblems(DEFAULT_POLICY, { risk, start, durationMin }, []).length === 0;
        let everyMinute = true;
        for (let m = 0; m < durationMin && everyMinute; m++) everyMinute = windowStatus(DEFAULT_POLICY, risk, new Date(start.getTime() + m * 60_000)).open;
        expect(allowed).toBe(everyMinute);
      }),
      { numRuns: 120 },
    );
  });

  it("a freeze refuses exactly the plans that overlap it", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 5, max: 600 }), instant, fc.integer({ min: 1, max: 5000 }), (start, durationMin, fStart, fMinutes) => {
        const freeze = { name: "F", startsAt: fStart, endsAt: new Date(fStart.getTime() + fMinutes * 60_000) };
        const end = start.getTime() + durationMin * 60_000;
        const overlaps = freeze.startsAt.getTime() < end && start.getTime() < freeze.endsAt.getTime();
        const refused = plannedWindowProblems(DEFAULT_POLICY, { risk: "LOW", start, durationMin }, [freeze]).some((p) => p.code === "FREEZE");
        expect(refused).toBe(overlaps);
      }),
    );
  });

  it("nextAllowedStart gives a start the rule accepts, never before the asked time", () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...RISKS), fc.integer({ min: 5, max: 240 }), (from, risk, minutes) => {
        const at = nextAllowedStart(DEFAULT_POLICY, risk, from, minutes);
        expect(at).not.toBeNull();
        expect(at!.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(plannedWindowProblems(DEFAULT_POLICY, { risk, start: at!, durationMin: minutes }, [])).toEqual([]);
        // Nothing earlier would have done: the window opened at `at`, or `at` is the asked time.
        const opened = windowIntervals(DEFAULT_POLICY, DEFAULT_POLICY.rules[risk].window, at!, new Date(at!.getTime() + 60_000)).some((w) => w.start.getTime() === at!.getTime());
        expect(at!.getTime() === from.getTime() || opened).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
