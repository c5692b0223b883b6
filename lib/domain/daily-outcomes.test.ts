import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dailyOutcomeCounts } from "./daily-outcomes";
import type { DeploymentRecord } from "./deployment-record";
import { periodFromLocalDates } from "./time-buckets";

const dep = (outcome: DeploymentRecord["outcome"], finished: string, started?: string): DeploymentRecord => ({
  id: finished,
  serviceId: "a",
  teamId: "t",
  kind: "DEPLOY",
  startedAt: new Date(started ?? finished),
  finishedAt: new Date(finished),
  outcome,
  hasHotfix: false,
});

describe("daily outcome counts", () => {
  it("America/New_York, 3 November 2024 (25 hours): each deployment lands on its local finishing day", () => {
    const zone = "America/New_York";
    const ds = [
      dep("SUCCEEDED", "2024-11-03T03:59:00Z"), // 23:59 EDT on the 2nd
      dep("FAILED", "2024-11-03T04:10:00Z", "2024-11-03T03:50:00Z"), // spans midnight, 00:10 EDT on the 3rd
      dep("ROLLED_BACK", "2024-11-03T05:30:00Z"), // 01:30 EDT
      dep("ROLLED_BACK", "2024-11-03T06:30:00Z"), // 01:30 EST, the repeated hour
      dep("SUCCEEDED", "2024-11-04T04:30:00Z"), // 23:30 EST on the 3rd
      dep("SUCCEEDED", "2024-11-04T05:00:00Z"), // midnight on the 4th
    ];
    expect(dailyOutcomeCounts(ds, periodFromLocalDates("2024-11-02", "2024-11-04", zone), zone)).toEqual([
      { date: "2024-11-02", success: 1, failed: 0, rolledBack: 0 },
      { date: "2024-11-03", success: 1, failed: 1, rolledBack: 2 },
      { date: "2024-11-04", success: 1, failed: 0, rolledBack: 0 },
    ]);
  });

  it("Europe/Berlin, 31 March 2024 (23 hours): 23:30 UTC on the 30th is already the 31st", () => {
    const zone = "Europe/Berlin";
    const ds = [
      dep("SUCCEEDED", "2024-03-30T22:59:00Z"), // 23:59 CET on the 30th
      dep("ROLLED_BACK", "2024-03-30T23:30:00Z", "2024-03-30T22:50:00Z"), // 00:30 CET on the 31st
      dep("FAILED", "2024-03-31T21:59:00Z"), // 23:59 CEST on the 31st
      dep("SUCCEEDED", "2024-03-31T22:00:00Z"), // midnight on 1 April: outside the period
    ];
    expect(dailyOutcomeCounts(ds, periodFromLocalDates("2024-03-30", "2024-03-31", zone), zone)).toEqual([
      { date: "2024-03-30", success: 1, failed: 0, rolledBack: 0 },
      { date: "2024-03-31", success: 0, failed: 1, rolledBack: 1 },
    ]);
  });

  it("lists every day with zeros when nothing happened", () => {
    const rows = dailyOutcomeCounts([], periodFromLocalDates("2024-02-27", "2024-03-01", "UTC"), "UTC");
    expect(rows.map((r) => r.date)).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(rows.every((r) => r.success + r.failed + r.rolledBack === 0)).toBe(true);
  });

  it("property: every counted deployment is on exactly one day", () => {
    const zone = "Europe/Berlin";
    const period = periodFromLocalDates("2024-10-20", "2024-11-02", zone);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            t: fc.integer({ min: period.from.getTime() - 86_400_000, max: period.to.getTime() + 86_400_000 }),
            o: fc.constantFrom("SUCCEEDED", "FAILED", "ROLLED_BACK") as fc.Arbitrary<"SUCCEEDED" | "FAILED" | "ROLLED_BACK">,
          }),
          { maxLength: 60 },
        ),
        (xs) => {
          const rows = dailyOutcomeCounts(xs.map((x) => dep(x.o, new Date(x.t).toISOString())), period, zone);
          const inside = xs.filter((x) => x.t >= period.from.getTime() && x.t < period.to.getTime()).length;
          return rows.reduce((n, r) => n + r.success + r.failed + r.rolledBack, 0) === inside;
        },
      ),
    );
  });
});
