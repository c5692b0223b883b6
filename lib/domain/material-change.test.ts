import { describe, expect, it } from "vitest";
import { materialChanges, type MaterialFields } from "./material-change";

const base: MaterialFields = {
  serviceId: "svc",
  targetVersion: "7",
  risk: "MEDIUM",
  strategy: "Canary10Percent5Minutes",
  implementationSteps: ["deploy", "watch"],
  windowStart: new Date("2026-12-01T10:00:00Z"),
  windowDurationMin: 30,
};

describe("material changes", () => {
  it("nothing changed, nothing to re-approve", () => {
    expect(materialChanges(base, { ...base, implementationSteps: [...base.implementationSteps] })).toEqual([]);
  });
  it("names each kind of change once", () => {
    expect(
      materialChanges(base, {
        ...base,
        targetVersion: "8",
        risk: "HIGH",
        implementationSteps: ["deploy"],
        windowStart: new Date("2026-12-02T10:00:00Z"),
        windowDurationMin: 45,
      }),
    ).toEqual(["version", "risk level", "implementation plan", "deployment window"]);
  });
  it("reordering the plan is a change of plan", () => {
    expect(materialChanges(base, { ...base, implementationSteps: ["watch", "deploy"] })).toEqual(["implementation plan"]);
  });
});
