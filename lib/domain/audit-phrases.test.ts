import { describe, expect, it } from "vitest";
import { changedKeys, describeAudit, stateChange } from "./audit-phrases";

describe("audit phrases", () => {
  it("reads known actions as sentences and unknown ones legibly", () => {
    expect(describeAudit("change.submit")).toBe("submitted it for approval");
    expect(describeAudit("deployment.step-completed")).toBe("step completed");
  });
  it("lists the fields an edit changed", () => {
    expect(changedKeys({ summary: "a", risk: "LOW", steps: ["x"] }, { summary: "b", risk: "LOW", steps: ["x", "y"] })).toEqual([
      "summary",
      "steps",
    ]);
    expect(changedKeys(null, { a: 1 })).toEqual([]);
  });
  it("shows a state change in words", () => {
    expect(stateChange({ state: "DRAFT" }, { state: "SUBMITTED" })).toBe("Draft → Submitted");
    expect(stateChange({ state: "DRAFT" }, { state: "DRAFT" })).toBeNull();
  });
});

describe("stateChange on deployment events", () => {
  it("a deployment's own states are not shown as the change's transition", () => {
    expect(stateChange({ state: "SHIFTING" }, { state: "SUCCEEDED" })).toBeNull();
    expect(stateChange({ state: "DEPLOYED" }, { state: "ROLLED_BACK" })).toBe("Deployed → Rolled back");
  });
});
