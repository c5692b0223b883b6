import { describe, expect, it } from "vitest";
import { DORA_LEVELS, DORA_RULES, doraLevel } from "./dora-levels";

const HOUR = 3600;
const DAY = 24 * HOUR;

describe("DORA levels (2023 report clusters as contiguous bounds)", () => {
  it("deployment frequency per week: elite beyond daily, high daily–weekly, medium to monthly", () => {
    expect(doraLevel("deploymentFrequency", 20)).toBe("elite");
    expect(doraLevel("deploymentFrequency", 7)).toBe("high"); // exactly daily is "once per day" = high
    expect(doraLevel("deploymentFrequency", 1)).toBe("high");
    expect(doraLevel("deploymentFrequency", 0.5)).toBe("medium");
    expect(doraLevel("deploymentFrequency", 12 / 52)).toBe("medium");
    expect(doraLevel("deploymentFrequency", 0.2)).toBe("low");
    expect(doraLevel("deploymentFrequency", 0)).toBe("low");
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

  it("change failure rate: 5 %, 10 %, 15 % inclusive", () => {
    expect(doraLevel("changeFailureRate", 0)).toBe("elite");
    expect(doraLevel("changeFailureRate", 0.05)).toBe("elite");
    expect(doraLevel("changeFailureRate", 0.1)).toBe("high");
    expect(doraLevel("changeFailureRate", 0.15)).toBe("medium");
    expect(doraLevel("changeFailureRate", 0.64)).toBe("low");
  });

  it("no value, no level", () => {
    expect(doraLevel("leadTime", null)).toBeNull();
    expect(doraLevel("changeFailureRate", Number.NaN)).toBeNull();
  });

  it("rules are ordered elite → medium and monotone, so every value gets exactly one level", () => {
    for (const rules of Object.values(DORA_RULES)) {
      expect(rules.map((r) => r.level)).toEqual(DORA_LEVELS.slice(0, 3));
      const bounds = rules.map((r) => r.bound);
      const higherIsBetter = rules[0]!.op.startsWith(">");
      const sorted = [...bounds].sort((a, b) => (higherIsBetter ? b - a : a - b));
      expect(bounds).toEqual(sorted);
    }
  });
});
