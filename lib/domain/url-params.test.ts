import { describe, expect, it } from "vitest";
import { addDateRangeIssues, addDays, inclusiveDays, isCalendarDate, searchParamsToRecord } from "./url-params";

describe("url params", () => {
  it("takes the first non-empty trimmed value per key from either shape", () => {
    expect(searchParamsToRecord(new URLSearchParams("a=&a=%20x%20&b=1&b=2"))).toEqual({ a: "x", b: "1" });
    expect(searchParamsToRecord({ a: ["", "y"], b: undefined, c: " " })).toEqual({ a: "y" });
  });

  it("knows calendar dates, leap years included", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2024-1-01")).toBe(false);
  });

  it("counts days with both ends and adds days across month and year ends", () => {
    expect(inclusiveDays("2024-03-01", "2024-03-31")).toBe(31);
    expect(inclusiveDays("2024-03-31", "2024-03-31")).toBe(1);
    expect(addDays("2024-12-30", 3)).toBe("2025-01-02");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("reports every broken range rule at its field, inverted before length", () => {
    const issues: { message: string; path: string[] }[] = [];
    addDateRangeIssues({ from: "2030-01-02", to: "2030-01-01" }, { today: "2024-01-01", maxRangeDays: 10 }, (i) => issues.push(i));
    expect(issues.map((i) => i.path[0])).toEqual(["from", "to", "from"]);
    expect(issues[2]!.message).toMatch(/after the end date/);
  });
});
