import { describe, expect, it } from "vitest";
import { gateChartRows, type GateReadingPoint } from "./chart-series";

const r = (at: string, scope: string, errorRate: number, breached: string | null = null): GateReadingPoint => ({ at, scope, invocations: 100, errors: errorRate, p99Ms: 200, errorRate, breached });

describe("gate chart rows: the new version beside the old one, per metric period", () => {
  it("pairs the old version's reading with the new one's of the same period, in time order; the alias after 100 % counts as new", () => {
    const rows = gateChartRows(
      [r("2026-05-01T10:02:00.000Z", "version 3", 0.5, "ERROR_RATE"), r("2026-05-01T10:01:00.000Z", "version 3", 0.2), r("2026-05-01T10:01:00.000Z", "version 2", 0.05), r("2026-05-01T10:03:00.000Z", "alias live", 0.1)],
      "errorRate",
      "2",
    );
    expect(rows).toEqual([
      { at: "2026-05-01T10:01:00.000Z", newValue: 0.2, oldValue: 0.05, breached: null },
      { at: "2026-05-01T10:02:00.000Z", newValue: 0.5, oldValue: null, breached: "ERROR_RATE" },
      { at: "2026-05-01T10:03:00.000Z", newValue: 0.1, oldValue: null, breached: null },
    ]);
  });
});
