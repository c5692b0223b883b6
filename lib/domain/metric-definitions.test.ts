import { describe, expect, it } from "vitest";
import { METRIC_DEFINITIONS, METRIC_KEYS, meetsTarget } from "./metric-definitions";

describe("metric definitions", () => {
  it("carry the seed's targets", () => {
    expect(METRIC_KEYS.map((k) => METRIC_DEFINITIONS[k].target.label)).toEqual([
      "> 10 per week",
      "< 1 day",
      "> 95 %",
      "< 10 minutes",
      "< 5 %",
    ]);
  });

  it("targets are strict, as the seed writes them", () => {
    expect(meetsTarget("deploymentFrequency", 10)).toBe(false);
    expect(meetsTarget("deploymentFrequency", 10.5)).toBe(true);
    expect(meetsTarget("leadTime", 86_400)).toBe(false);
    expect(meetsTarget("leadTime", 3600)).toBe(true);
    expect(meetsTarget("successRate", 0.95)).toBe(false);
    expect(meetsTarget("successRate", 0.96)).toBe(true);
    expect(meetsTarget("meanTimeToRollback", 599)).toBe(true);
    expect(meetsTarget("changeFailureRate", 0.05)).toBe(false);
  });

  it("nothing to judge without a value", () => {
    expect(meetsTarget("meanTimeToRollback", null)).toBeNull();
  });

  it("each definition is one sentence", () => {
    for (const k of METRIC_KEYS) {
      const d = METRIC_DEFINITIONS[k].definition;
      expect(d.endsWith(".")).toBe(true);
      expect(d.slice(0, -1)).not.toMatch(/\.\s/);
    }
  });
});
