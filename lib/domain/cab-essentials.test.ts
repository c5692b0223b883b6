import { describe, expect, it } from "vitest";
import { readinessBesidesApproval } from "./cab-essentials";
import { DEFAULT_POLICY } from "./policy";
import { evaluateReadiness, type GateResultRecord, type ReadinessInput } from "./readiness";

// A High-risk change judged in the afternoon, when its after-hours window is closed, outside its own
// planned window: what the board sees beside the vote is about gates, on-call and the code pin only.
const AFTERNOON = new Date("2025-01-14T13:48:00Z");
const gate = (g: GateResultRecord["gate"], passed = true): GateResultRecord => ({ gate: g, version: "42", passed, value: g === "LOAD_TEST" ? 420 : null, codeSha256: "sha", createdAt: new Date("2025-01-10T12:00:00Z") });
const input = (over: Partial<ReadinessInput["cr"]> = {}, gateResults: GateResultRecord[] = []): Omit<ReadinessInput, "freezeWindows" | "deployment"> => ({
  cr: {
    id: "cr1", state: "SUBMITTED", risk: "HIGH", requesterId: "req", approvalRound: 1, emergency: false, targetVersion: "42", targetCodeSha256: "sha",
    onCallUserId: "oncall", onCallConfirmedAt: null, windowStart: new Date("2025-01-20T20:00:00Z"), windowDurationMin: 30, windowTimeZone: "Europe/Berlin", ...over,
  },
  approvals: [],
  gateResults,
  policy: DEFAULT_POLICY,
  incident: null,
  now: AFTERNOON,
});

describe("readinessBesidesApproval", () => {
  it("names what the change lacks besides the vote, never the deploy window", () => {
    const full = evaluateReadiness({ ...input(), freezeWindows: [], deployment: null });
    expect(full.ready ? [] : full.missing.map((m) => m.code)).toContain("WINDOW");
    const r = readinessBesidesApproval(input({}, [gate("FULL_SUITE"), gate("LOAD_TEST", false)]));
    expect(r.missing.map((m) => m.code).sort()).toEqual(["GATE_FAILED", "GATE_MISSING", "ON_CALL"]);
    expect(r).toMatchObject({ gatesRequired: 3, gatesPassed: 1 });
  });

  it("is empty when gates, on-call and the pin are in order, whatever the hour", () => {
    const r = readinessBesidesApproval(input({ onCallConfirmedAt: new Date(AFTERNOON.getTime() - 60_000) }, [gate("FULL_SUITE"), gate("LOAD_TEST"), gate("SECURITY_SCAN")]));
    expect(r).toEqual({ missing: [], gatesRequired: 3, gatesPassed: 3 });
  });

  it("still names a missing code pin", () => {
    expect(readinessBesidesApproval(input({ targetCodeSha256: null })).missing.map((m) => m.code)).toContain("CODE_PIN");
  });
});
