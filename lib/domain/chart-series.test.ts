import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dailyColumns, dateKeys, expandDaily, expandTrend, shortNumber, trendColumns } from "./chart-series";
import { enumerateBuckets } from "./time-buckets";

const zones = fc.constantFrom("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC");
const periods = fc
  .tuple(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.integer({ min: 1, max: 800 * 86_400_000 }))
  .map(([from, len]) => ({ from: new Date(from), to: new Date(from + len) }));

describe("chart series as columns", () => {
  it("rebuilds every day and week key of a period, across DST changes", () => {
    fc.assert(
      fc.property(periods, zones, fc.constantFrom<"day" | "week">("day", "week"), (period, zone, g) => {
        const keys = enumerateBuckets(period, g, zone).map((b) => b.key);
        expect(dateKeys(keys[0]!, g === "day" ? 1 : 7, keys.length)).toEqual(keys);
      }),
      { numRuns: 60 },
    );
  });

  it("round-trips the daily counts", () => {
    const days = [
      { date: "2025-03-29", success: 3, failed: 0, rolledBack: 1 },
      { date: "2025-03-30", success: 0, failed: 2, rolledBack: 0 },
      { date: "2025-03-31", success: 5, failed: 1, rolledBack: 0 },
    ];
    expect(expandDaily(dailyColumns(days))).toEqual(days);
  });

  it("keeps trend values to six significant digits, nulls, sample sizes and the p90 line", () => {
    const trend = [
      { bucket: "2025-12-29", value: 0.947368421052, sampleSize: 19, p90: 86_400.123456 },
      { bucket: "2026-01-05", value: null, sampleSize: 0, p90: null },
    ];
    expect(expandTrend(trendColumns(trend, 7))).toEqual([
      { bucket: "2025-12-29", value: 0.947368, sampleSize: 19, p90: 86_400.1 },
      { bucket: "2026-01-05", value: null, sampleSize: 0, p90: null },
    ]);
    expect(expandTrend(trendColumns([{ bucket: "2026-01-05", value: 12, sampleSize: 12 }], 1))).toEqual([{ bucket: "2026-01-05", value: 12, sampleSize: 12 }]);
    expect(shortNumber(1234567)).toBe(1234567);
  });
});
