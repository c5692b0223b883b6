import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { approverSeatLabel, CAB_SEAT_LABELS, cabSeatOf, DEFAULT_POLICY, parseHm, parsePolicyOrThrow, policyFieldErrors, policySchema, type Policy } from "./policy";

const clone = (): Policy => structuredClone(DEFAULT_POLICY);
const errorsOf = (mutate: (p: Record<string, unknown> & Policy) => void) => {
  const p = clone() as Record<string, unknown> & Policy;
  mutate(p);
  return policyFieldErrors(p);
};

describe("DEFAULT_POLICY", () => {
  it("is the seed's approval table", () => {
    expect(DEFAULT_POLICY.rules.HIGH).toEqual({
      approvals: ["CAB", "CTO"],
      gates: ["FULL_SUITE", "LOAD_TEST", "SECURITY_SCAN"],
      window: "AFTER_HOURS",
      onCall: "PRESENT",
      selfReportedGates: false,
    });
    expect(DEFAULT_POLICY.rules.MEDIUM).toEqual({
      approvals: ["CAB"],
      gates: ["FULL_SUITE", "SMOKE"],
      window: "BUSINESS_HOURS",
      onCall: "AVAILABLE",
      selfReportedGates: false,
    });
    expect(DEFAULT_POLICY.rules.LOW).toEqual({
      approvals: ["AUTOMATED"],
      gates: ["UNIT", "INTEGRATION"],
      window: "ANYTIME",
      onCall: "NONE",
      selfReportedGates: true,
    });
    expect(DEFAULT_POLICY.timeZone).toBe("Europe/Berlin");
    expect(DEFAULT_POLICY.cab).toMatchObject({ quorum: 2, distinctSeats: 2, meeting: { weekday: 3, start: "14:00", durationMinutes: 60 } });
    expect(DEFAULT_POLICY.gates).toEqual({ coverageMinPct: 80, dependencyAudit: { minSeverity: "moderate", maxFindings: 0 }, loadTestP95MaxMs: 500 });
  });

  it("passes its own schema unchanged", () => {
    expect(policySchema.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(policyFieldErrors(DEFAULT_POLICY)).toBeNull();
  });

  it("survives a JSON round trip, as it is stored", () => {
    expect(parsePolicyOrThrow(JSON.parse(JSON.stringify(DEFAULT_POLICY)))).toEqual(DEFAULT_POLICY);
  });
});

describe("policySchema refuses bad edits with the field named", () => {
  it("a risk level without a rule", () => {
    const e = errorsOf((p) => {
      delete (p.rules as Partial<Policy["rules"]>).MEDIUM;
    });
    expect(e).toEqual({ "rules.MEDIUM": "Medium risk has no rule" });
  });

  it("a risk level with no approval rule", () => {
    expect(errorsOf((p) => void (p.rules.HIGH.approvals = []))).toEqual({
      "rules.HIGH.approvals": "High risk needs at least one approval rule",
    });
  });

  it("automated approval with no gates", () => {
    expect(errorsOf((p) => void (p.rules.LOW.gates = []))).toEqual({
      "rules.LOW.gates": "Low risk: automated approval needs at least one gate",
    });
  });

  it("duplicate or unknown gates", () => {
    expect(errorsOf((p) => void (p.rules.MEDIUM.gates = ["SMOKE", "SMOKE"]))?.["rules.MEDIUM.gates"]).toBe(
      "Medium risk: a gate is listed twice",
    );
    expect(errorsOf((p) => void ((p.rules.MEDIUM.gates as string[]) = ["VIBES"]))?.["rules.MEDIUM.gates.0"]).toBe(
      "Medium risk: unknown gate",
    );
  });

  it("thresholds out of range", () => {
    expect(errorsOf((p) => void (p.gates.coverageMinPct = 120))).toEqual({
      "gates.coverageMinPct": "Coverage threshold must be between 0 and 100 %",
    });
    expect(errorsOf((p) => void (p.gates.loadTestP95MaxMs = 0))).toEqual({
      "gates.loadTestP95MaxMs": "Load test p95 limit must be between 1 and 60000 ms",
    });
    expect(errorsOf((p) => void (p.cab.quorum = 0))?.["cab.quorum"]).toBe("CAB quorum must be between 1 and 20");
    expect(errorsOf((p) => void (p.cab.distinctSeats = 5))?.["cab.distinctSeats"]).toBe(
      "Different CAB seats must be between 1 and 4",
    );
  });

  it("a bad time zone or time of day", () => {
    expect(errorsOf((p) => void (p.timeZone = "Mars/Olympus"))).toEqual({ timeZone: "Unknown time zone" });
    expect(errorsOf((p) => void (p.businessHours.start = "9am"))).toEqual({
      "businessHours.start": "Business hours start must be a time like 09:00",
    });
    expect(errorsOf((p) => void (p.afterHours.end = "24:00"))?.["afterHours.end"]).toBe(
      "After hours end must be a time like 09:00",
    );
    expect(errorsOf((p) => void ((p.cab.meeting.weekday as number) = 8))?.["cab.meeting.weekday"]).toBe(
      "Meeting day: weekdays are 1 (Mon) to 7 (Sun)",
    );
  });

  it("cross-field rules", () => {
    expect(errorsOf((p) => void (p.businessHours.end = "08:00"))).toEqual({
      "businessHours.end": "Business hours must end after they start",
    });
    expect(errorsOf((p) => void (p.cab.outOfMeeting.approvals = 1))).toEqual({
      "cab.outOfMeeting.approvals": "Out-of-meeting approvals cannot be fewer than the CAB quorum",
    });
    expect(errorsOf((p) => void (p.cab.quorum = 1))).toEqual({
      "cab.distinctSeats": "Different CAB seats cannot exceed the CAB quorum",
    });
    expect(errorsOf((p) => void (p.riskAssessment.highAt = 2))).toEqual({
      "riskAssessment.highAt": "High risk threshold must be above the Medium risk threshold",
    });
  });

  it("missing or negative risk weights", () => {
    expect(errorsOf((p) => void (p.riskAssessment.weights.reversibility.IRREVERSIBLE = -1))).toEqual({
      "riskAssessment.weights.reversibility.IRREVERSIBLE":
        "Weight of “Reversibility: It cannot be undone” must be between 0 and 100",
    });
  });

  it("parsePolicyOrThrow throws a VALIDATION AppError carrying every field", () => {
    const bad = clone();
    bad.timeZone = "Nowhere";
    bad.gates.coverageMinPct = -1;
    try {
      parsePolicyOrThrow(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.code).toBe("VALIDATION");
      expect(err.message).toBe("The policy is invalid: Unknown time zone");
      expect(Object.keys(err.fields ?? {})).toEqual(["timeZone", "gates.coverageMinPct"]);
    }
  });
});

describe("cabSeatOf", () => {
  it("derives the seat from roles; non-members have none", () => {
    expect(cabSeatOf(["CAB_MEMBER"])).toBe("ENG_LEAD");
    expect(cabSeatOf(["CAB_MEMBER", "ENGINEER"])).toBe("ENG_LEAD");
    expect(cabSeatOf(["CAB_MEMBER", "SRE"])).toBe("SRE");
    expect(cabSeatOf(["PRODUCT", "CAB_MEMBER"])).toBe("PRODUCT");
    expect(cabSeatOf(["CAB_MEMBER", "SECURITY"])).toBe("SECURITY");
    expect(cabSeatOf(["CAB_MEMBER", "SECURITY", "SRE"])).toBe("SRE");
    expect(cabSeatOf(["SRE"])).toBeNull();
    expect(cabSeatOf(["CTO"])).toBeNull();
    expect(cabSeatOf([])).toBeNull();
  });

  it("names an attendee by seat, or CTO, or not at all", () => {
    expect(approverSeatLabel(["CAB_MEMBER", "SRE"])).toBe(CAB_SEAT_LABELS.SRE);
    expect(approverSeatLabel(["CTO"])).toBe("CTO");
    expect(approverSeatLabel(["ENGINEER"])).toBe("");
  });
});

it("parseHm", () => {
  expect(parseHm("18:05")).toEqual({ hour: 18, minute: 5 });
});
