import { describe, expect, it } from "vitest";
import { formatMetric } from "./metric-format";

describe("metric values on the dashboard", () => {
  it("write rates, durations and percentages as a manager reads them", () => {
    expect(formatMetric("perWeek", 12.25)).toBe("12 / week");
    expect(formatMetric("perWeek", 2.25)).toBe("2.3 / week");
    expect(formatMetric("seconds", 45)).toBe("45 s");
    expect(formatMetric("seconds", 450)).toBe("7.5 min");
    expect(formatMetric("seconds", 5400)).toBe("1.5 h");
    expect(formatMetric("seconds", 3 * 86400)).toBe("3.0 days");
    expect(formatMetric("ratio", 0.9734)).toBe("97.3 %");
    expect(formatMetric("ratio", null)).toBe("—");
  });
});
