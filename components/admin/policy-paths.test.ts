import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, policyFieldErrors } from "@/lib/domain/policy";
import { writePath } from "./policy-paths";

describe("writePath (the policy editor's fields write into the JSON that is saved)", () => {
  it("sets a nested value without touching the rest", () => {
    const next = writePath(DEFAULT_POLICY, ["cab", "meeting", "startToleranceMinutes"], 30) as typeof DEFAULT_POLICY;
    expect(next.cab.meeting).toEqual({ ...DEFAULT_POLICY.cab.meeting, startToleranceMinutes: 30 });
    expect(next.rules).toBe(DEFAULT_POLICY.rules);
    expect(DEFAULT_POLICY.cab.meeting.startToleranceMinutes).toBe(15);
  });

  it("a bad value is reported at the field's path with the schema's message", () => {
    expect(policyFieldErrors(writePath(DEFAULT_POLICY, ["cab", "rejectionsToReject"], 0))).toEqual({ "cab.rejectionsToReject": "CAB rejections that reject a change must be between 1 and 20" });
    expect(policyFieldErrors(writePath(DEFAULT_POLICY, ["cab", "meeting", "startToleranceMinutes"], null))).toEqual({ "cab.meeting.startToleranceMinutes": "Meeting start tolerance must be a number" });
    expect(policyFieldErrors(writePath(DEFAULT_POLICY, ["rules", "HIGH", "selfReportedGates"], true))).toBeNull();
  });
});
