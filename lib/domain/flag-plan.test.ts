import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flagTargetSchema } from "./flag-config";
import { defaultRolloutPercentages, formFieldOf, isWidening, splitIds, targetFromFields } from "./flag-plan";

const off = { enabled: false, percentage: 0, allowlist: [] };

describe("default rollout plan", () => {
  it("climbs the 1 → 5 → 25 → 50 → 100 ladder from what users see now to the target", () => {
    expect(defaultRolloutPercentages(off, 100)).toEqual([1, 5, 25, 50, 100]);
    expect(defaultRolloutPercentages(off, 30)).toEqual([1, 5, 25, 30]);
    expect(defaultRolloutPercentages({ enabled: true, percentage: 25, allowlist: [] }, 100)).toEqual([50, 100]);
    expect(defaultRolloutPercentages({ enabled: true, percentage: 25, allowlist: [] }, 25)).toEqual([25]);
  });

  it("always parses as a valid plan for any whole target", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.boolean(), (target, now, enabled) => {
        const steps = defaultRolloutPercentages({ enabled, percentage: now, allowlist: [] }, target);
        const t = targetFromFields({ enabled: true, percentage: String(target), allowlist: "", plan: steps.join(", "), holdMinutes: "10" });
        expect(flagTargetSchema(true).safeParse(t).success).toBe(true);
      }),
    );
  });
});

describe("propose form fields", () => {
  it("turns the typed fields into the target, with blanks as not-a-number so the schema names them", () => {
    expect(targetFromFields({ enabled: true, percentage: "25", allowlist: "user1\n user2 ,\n", plan: "1 → 5, 25%", holdMinutes: "3" })).toEqual({
      enabled: true,
      percentage: 25,
      allowlist: ["user1", "user2"],
      rollout: [{ percentage: 1, holdMinutes: 3 }, { percentage: 5, holdMinutes: 3 }, { percentage: 25, holdMinutes: 3 }],
    });
    const blank = flagTargetSchema(true).safeParse(targetFromFields({ enabled: true, percentage: "", allowlist: "" }));
    expect(blank.success || blank.error.issues[0]!.message).toBe("Percentage must be a number");
    const over = flagTargetSchema(true).safeParse(targetFromFields({ enabled: true, percentage: "150", allowlist: "" }));
    expect(over.success || formFieldOf(over.error.issues[0]!.path.join("."))).toBe("percentage");
  });

  it("maps error paths to the form's fields", () => {
    expect(formFieldOf("rollout.2.holdMinutes")).toBe("holdMinutes");
    expect(formFieldOf("rollout.1.percentage")).toBe("plan");
    expect(formFieldOf("rollout")).toBe("plan");
    expect(formFieldOf("allowlist")).toBe("allowlist");
    expect(formFieldOf("target.allowlist")).toBe("allowlist");
    expect(formFieldOf("target")).toBe("percentage");
    expect(formFieldOf("justification")).toBe("justification");
  });

  it("a widening is on from off, a higher percentage or a new allowlisted id", () => {
    expect(isWidening(off, { enabled: true, percentage: 0, allowlist: ["a"] })).toBe(true);
    expect(isWidening({ enabled: true, percentage: 50, allowlist: [] }, { enabled: true, percentage: 25, allowlist: [] })).toBe(false);
    expect(splitIds(" a, b\n\nc ")).toEqual(["a", "b", "c"]);
  });
});
