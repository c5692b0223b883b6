import { describe, expect, it } from "vitest";
import { parseHistoryFilters } from "./history-filters";
import { bucketDates, bucketHref, drillDownHref } from "./metric-drill-down";

describe("links from a dashboard number to its history rows", () => {
  it("carries the row set, outcome, scope and dates, and history parses it back", () => {
    const href = drillDownHref({ rows: "counted", outcome: "succeeded" }, { service: "svc1" }, "2024-03-11", "2024-04-07");
    expect(href).toBe("/history?service=svc1&outcome=succeeded&rows=counted&from=2024-03-11&to=2024-04-07&sort=-finished");
    const parsed = parseHistoryFilters(new URL(href, "http://x").searchParams, { today: "2024-12-31" });
    expect(parsed.ok && parsed.value).toMatchObject({ service: "svc1", outcome: "succeeded", rows: "counted", from: "2024-03-11", to: "2024-04-07" });
  });

  it("a week bucket is clipped to the dashboard's period, as the bucket's counts are", () => {
    const period = { from: "2024-03-13", to: "2024-04-02" }; // Wednesday to Tuesday
    expect(bucketDates("2024-03-11", 7, 0, period)).toEqual({ from: "2024-03-13", to: "2024-03-17" });
    expect(bucketDates("2024-03-11", 7, 1, period)).toEqual({ from: "2024-03-18", to: "2024-03-24" });
    expect(bucketDates("2024-03-11", 7, 3, period)).toEqual({ from: "2024-04-01", to: "2024-04-02" });
    expect(bucketDates("2024-03-13", 1, 2, period)).toEqual({ from: "2024-03-15", to: "2024-03-15" });
    expect(bucketHref({ rows: { rows: "failure" }, scope: { team: "t1" }, period }, "2024-03-11", 7, 1)).toBe("/history?team=t1&rows=failure&from=2024-03-18&to=2024-03-24&sort=-finished");
  });

  it("an unknown row set is a message at its field", () => {
    const parsed = parseHistoryFilters(new URLSearchParams("rows=everything"), { today: "2024-12-31" });
    expect(parsed.ok ? null : parsed.errors.rows).toBe('Unknown row set "everything". Use one of: counted, lead-time, recovery, failure.');
  });
});
