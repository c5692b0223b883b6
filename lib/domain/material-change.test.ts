import { describe, expect, it } from "vitest";
import { materialChanges, type MaterialFields } from "./material-change";

const base: MaterialFields = {
  serviceId: "svc",
  targetVersion: "7",
  targetCodeSha256: "sha-7",
  onCallUserId: "oncall-1",
  windowTimeZone: "Europe/Berlin",
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
  it("point 4: a new on-call engineer, new code behind the same version, or a new window zone are material", () => {
    expect(materialChanges(base, { ...base, onCallUserId: "oncall-2" })).toEqual(["on-call engineer"]);
    expect(materialChanges(base, { ...base, onCallUserId: null })).toEqual(["on-call engineer"]);
    expect(materialChanges(base, { ...base, targetCodeSha256: "sha-7b" })).toEqual(["version's code"]);
    expect(materialChanges(base, { ...base, windowTimeZone: "UTC" })).toEqual(["deployment window"]);
  });
  it("reordering the plan is a change of plan", () => {
    expect(materialChanges(base, { ...base, implementationSteps: ["watch", "deploy"] })).toEqual(["implementation plan"]);
  });
});
