import { describe, expect, it } from "vitest";
import type { ApprovalRecord } from "./approval-tally";
import { DEFAULT_POLICY } from "./policy";
import {
  evaluateReadiness,
  gateValueError,
  gateVerdict,
  type GateResultRecord,
  type ReadinessCr,
  type ReadinessInput,
  type ReadinessItem,
} from "./readiness";
import { CR_STATES, type GateKind, type RiskLevel, type Role } from "./vocabulary";

const P = DEFAULT_POLICY;
const NIGHT = new Date("2025-01-14T20:00:00Z"); // Tue 21:00 CET: after hours
const DAY = new Date("2025-01-14T10:00:00Z"); // Tue 11:00 CET: business hours
const AFTERNOON = new Date("2025-01-14T13:48:00Z"); // Tue 14:48 CET: neither window opens for High
const ago = (now: Date, min: number) => new Date(now.getTime() - min * 60_000);

const vote = (userId: string, roles: Role[], over: Partial<ApprovalRecord> = {}): ApprovalRecord => ({
  userId,
  roles,
  kind: "STANDARD",
  decision: "APPROVE",
  round: 1,
  createdAt: new Date("2025-01-08T13:30:00Z"),
  meetingId: "m1",
  meeting: { startedAt: new Date("2025-01-08T13:00:00Z"), closedAt: null, endsAt: new Date("2025-01-08T14:00:00Z") },
  ...over,
});
const gate = (g: GateKind, over: Partial<GateResultRecord> = {}): GateResultRecord => ({
  gate: g,
  version: "42",
  passed: true,
  value: g === "LOAD_TEST" ? 420 : g === "COVERAGE" ? 85 : g === "DEPENDENCY_AUDIT" ? 0 : null,
  createdAt: new Date("2025-01-10T12:00:00Z"),
  ...over,
});
const APPROVALS: Record<RiskLevel, ApprovalRecord[]> = {
  HIGH: [vote("lead", ["CAB_MEMBER"]), vote("sre", ["CAB_MEMBER", "SRE"]), vote("cto", ["CTO"])],
  MEDIUM: [vote("lead", ["CAB_MEMBER"]), vote("sre", ["CAB_MEMBER", "SRE"])],
  LOW: [{ ...vote("x", []), userId: null, kind: "AUTOMATED", tokenId: "ci", meetingId: null }],
};

function input(risk: RiskLevel, now: Date, over: { cr?: Partial<ReadinessCr> } & Partial<Omit<ReadinessInput, "cr">> = {}): ReadinessInput {
  const { cr, ...rest } = over;
  return {
    cr: {
      id: "cr1",
      state: "APPROVED",
      risk,
      requesterId: "req",
      approvalRound: 1,
      emergency: false,
      targetVersion: "42",
      onCallUserId: "oncall",
      onCallConfirmedAt: ago(now, 60),
      ...cr,
    },
    approvals: APPROVALS[risk],
    gateResults: P.rules[risk].gates.map((g) => gate(g)),
    policy: P,
    incident: null,
    freezeWindows: [],
    now,
    ...rest,
  };
}
const missingOf = (i: ReadinessInput): ReadinessItem[] => {
  const r = evaluateReadiness(i);
  return r.ready ? [] : r.missing;
};

describe("a fully satisfied change is ready", () => {
  it.each([
    ["HIGH", NIGHT],
    ["MEDIUM", DAY],
    ["LOW", AFTERNOON],
  ] as const)("%s", (risk, now) => {
    expect(evaluateReadiness(input(risk, now))).toEqual({ ready: true, warnings: [] });
  });
  it("SCHEDULED is as good as APPROVED", () => {
    expect(evaluateReadiness(input("MEDIUM", DAY, { cr: { state: "SCHEDULED" } })).ready).toBe(true);
  });
});

describe("what is missing, in words", () => {
  it("High with CAB approval but no CTO says so, and only that", () => {
    expect(missingOf(input("HIGH", NIGHT, { approvals: APPROVALS.MEDIUM }))).toEqual([
      { code: "APPROVAL_CTO", message: "needs CTO approval" },
    ]);
  });

  it("lists everything at once, not the first problem", () => {
    const i = input("HIGH", AFTERNOON, { cr: { state: "SUBMITTED", onCallConfirmedAt: null }, approvals: [], gateResults: [] });
    expect(missingOf(i)).toEqual([
      { code: "STATE", message: "change is awaiting approval" },
      { code: "APPROVAL_CAB", message: "needs 2 more CAB approvals (2 required, from 2 different seats)" },
      { code: "APPROVAL_CTO", message: "needs CTO approval" },
      { code: "GATE_MISSING", gate: "FULL_SUITE", message: "full test suite not reported for version 42" },
      { code: "GATE_MISSING", gate: "LOAD_TEST", message: "load test not reported for version 42" },
      { code: "GATE_MISSING", gate: "SECURITY_SCAN", message: "security scan not reported for version 42" },
      { code: "WINDOW", message: "High risk deploys only after 18:00 Europe/Berlin; next window opens in 3 h 12 min" },
      { code: "ON_CALL", message: "on-call engineer not confirmed present" },
    ]);
  });

  it("needs 1 more CAB approval", () => {
    expect(missingOf(input("MEDIUM", DAY, { approvals: [vote("lead", ["CAB_MEMBER"])] }))).toEqual([
      { code: "APPROVAL_CAB", message: "needs 1 more CAB approval (2 required, from 2 different seats)" },
    ]);
  });

  it("the requester's own approval does not count", () => {
    const approvals = [vote("lead", ["CAB_MEMBER"]), vote("req", ["CAB_MEMBER", "SRE"])];
    expect(missingOf(input("MEDIUM", DAY, { approvals })).map((m) => m.code)).toEqual(["APPROVAL_CAB"]);
  });

  it("rejections and requested changes", () => {
    const cto = vote("cto", ["CTO"], { decision: "REJECT", comment: "not now" });
    expect(missingOf(input("HIGH", NIGHT, { approvals: [...APPROVALS.MEDIUM, cto] }))).toEqual([
      { code: "REJECTED", message: "rejected by the CTO" },
    ]);
    const rc = vote("sec", ["CAB_MEMBER", "SECURITY"], { decision: "REQUEST_CHANGES", userName: "Sam" });
    expect(missingOf(input("MEDIUM", DAY, { approvals: [...APPROVALS.MEDIUM, rc] }))).toEqual([
      { code: "CHANGES_REQUESTED", message: "changes requested by Sam" },
    ]);
  });

  it("Low risk without the automated approval", () => {
    expect(missingOf(input("LOW", DAY, { approvals: [] }))).toEqual([
      { code: "APPROVAL_AUTOMATED", message: "needs automated approval from CI/CD (once its gates pass)" },
    ]);
  });

  it("states that never deploy", () => {
    for (const state of CR_STATES.filter((s) => s !== "APPROVED" && s !== "SCHEDULED")) {
      const m = missingOf(input("LOW", DAY, { cr: { state } }));
      expect(m[0]?.code, state).toBe("STATE");
    }
    expect(missingOf(input("LOW", DAY, { cr: { state: "DRAFT" } }))[0]?.message).toBe("change is a draft; submit it for approval");
    expect(missingOf(input("LOW", DAY, { cr: { state: "CLOSED" } }))[0]?.message).toBe(
      "change is Closed; only Approved or Scheduled changes deploy",
    );
  });
});

describe("gates", () => {
  const high = (gateResults: GateResultRecord[]) =>
    missingOf(input("HIGH", NIGHT, { gateResults: [gate("FULL_SUITE"), gate("SECURITY_SCAN"), ...gateResults] }));

  it("load test p95 above the limit", () => {
    expect(high([gate("LOAD_TEST", { value: 612 })])).toEqual([
      { code: "GATE_FAILED", gate: "LOAD_TEST", message: "load test p95 612 ms > 500 ms" },
    ]);
    expect(high([gate("LOAD_TEST", { value: 500 })])).toEqual([]);
  });

  it("a result for another version is stale", () => {
    expect(high([gate("LOAD_TEST", { version: "41" })])).toEqual([
      { code: "GATE_STALE", gate: "LOAD_TEST", message: "load test result is for version 41, not 42 (stale)" },
    ]);
  });

  it("the latest result for the version wins", () => {
    const early = new Date("2025-01-10T10:00:00Z");
    const late = new Date("2025-01-10T11:00:00Z");
    expect(high([gate("LOAD_TEST", { value: 900, createdAt: early }), gate("LOAD_TEST", { value: 300, createdAt: late })])).toEqual([]);
    expect(high([gate("LOAD_TEST", { value: 300, createdAt: late }), gate("LOAD_TEST", { value: 900, createdAt: early })])).toEqual([]);
    expect(high([gate("LOAD_TEST", { createdAt: early }), gate("LOAD_TEST", { passed: false, createdAt: late })])).toEqual([
      { code: "GATE_FAILED", gate: "LOAD_TEST", message: "load test failed" },
    ]);
    // A newer result for an older version does not replace the current version's.
    expect(high([gate("LOAD_TEST", { createdAt: early }), gate("LOAD_TEST", { version: "41", value: 900, createdAt: late })])).toEqual([]);
  });

  it("gateVerdict applies the policy's thresholds", () => {
    expect(gateVerdict({ gate: "COVERAGE", passed: true, value: 79.5 }, P)).toEqual({ passed: false, message: "code coverage 79.5 % < 80 %" });
    expect(gateVerdict({ gate: "COVERAGE", passed: true, value: 80 }, P).passed).toBe(true);
    expect(gateVerdict({ gate: "DEPENDENCY_AUDIT", passed: true, value: 3 }, P).message).toBe(
      "dependency audit found 3 moderate-or-worse vulnerabilities (0 allowed)",
    );
    expect(gateVerdict({ gate: "LOAD_TEST", passed: true, value: null }, P).message).toBe("load test reported no value");
    expect(gateVerdict({ gate: "SAST", passed: false, value: null }, P).message).toBe("SAST scan failed");
    expect(gateVerdict({ gate: "LOAD_TEST", passed: false, value: 100 }, P).message).toBe("load test failed");
    const strict = structuredClone(P);
    strict.gates.loadTestP95MaxMs = 200;
    expect(gateVerdict({ gate: "LOAD_TEST", passed: true, value: 300 }, strict).message).toBe("load test p95 300 ms > 200 ms");
  });

  it("gateValueError refuses impossible values", () => {
    expect(gateValueError("COVERAGE", 101)).toBe("Code coverage must be between 0 and 100 %");
    expect(gateValueError("COVERAGE", null)).toBe("Code coverage needs a value");
    expect(gateValueError("LOAD_TEST", -1)).toBe("Load test p95 must be between 0 and 3600000 ms");
    expect(gateValueError("DEPENDENCY_AUDIT", 1.5)).toMatch(/whole number/);
    expect(gateValueError("UNIT", null)).toBeNull();
    expect(gateValueError("LOAD_TEST", Number.NaN)).toBe("Load test value must be a number");
    expect(gateValueError("COVERAGE", 80)).toBeNull();
  });
});

describe("windows, on-call, freezes, running deployments", () => {
  it("on-call rules", () => {
    expect(missingOf(input("MEDIUM", DAY, { cr: { onCallUserId: null } }))).toEqual([{ code: "ON_CALL", message: "no on-call engineer named" }]);
    expect(missingOf(input("MEDIUM", DAY, { cr: { onCallConfirmedAt: null } }))).toEqual([]);
    expect(missingOf(input("HIGH", NIGHT, { cr: { onCallConfirmedAt: ago(NIGHT, 13 * 60) } }))).toEqual([
      { code: "ON_CALL", message: "on-call engineer's confirmation is older than 12 h; confirm presence again" },
    ]);
  });

  it("inside a freeze window", () => {
    const now = new Date("2024-12-30T10:00:00Z");
    const freezeWindows = [
      { name: "Year-end", startsAt: new Date("2024-12-20T00:00:00Z"), endsAt: new Date("2025-01-02T08:00:00Z") },
      { name: "Past", startsAt: new Date("2024-11-01T00:00:00Z"), endsAt: new Date("2024-11-02T00:00:00Z") },
    ];
    expect(missingOf(input("LOW", now, { freezeWindows }))).toEqual([
      { code: "FREEZE", message: "inside freeze window 'Year-end' until 2 Jan 09:00" },
    ]);
    expect(evaluateReadiness(input("LOW", new Date("2025-01-02T08:00:00Z"), { freezeWindows })).ready).toBe(true);
  });

  it("another deployment on the alias", () => {
    expect(missingOf(input("LOW", DAY, { deployment: { id: "d1", crId: "other" } }))).toEqual([
      { code: "DEPLOYMENT_ACTIVE", message: "another deployment is running on this alias" },
    ]);
    expect(missingOf(input("LOW", DAY, { deployment: { id: "d1", crId: "cr1" } }))[0]?.message).toBe("this change is already deploying");
  });

  it("a change already deployed says only that, not what a deploy now would lack", () => {
    // Weeks after its planned window, outside the deploy window, on-call unconfirmed: none of it matters any more.
    const weeksLater = input("MEDIUM", new Date("2025-02-15T23:30:00Z"), {
      cr: { state: "DEPLOYED", windowStart: new Date("2025-01-20T15:00:00Z"), windowDurationMin: 15, windowTimeZone: "America/New_York" },
    });
    expect(evaluateReadiness(weeksLater)).toEqual({
      ready: false,
      missing: [{ code: "STATE", message: "change is Deployed; only Approved or Scheduled changes deploy" }],
      warnings: [],
    });
    // A rolled-back change still lists what its rework must also meet.
    const rolledBack = evaluateReadiness(input("MEDIUM", new Date("2025-02-15T23:30:00Z"), { cr: { state: "ROLLED_BACK" } }));
    expect(rolledBack.ready === false && rolledBack.missing.length).toBeGreaterThan(1);
  });

  it("outside the planned window is a warning, not a blocker", () => {
    const r = evaluateReadiness(
      input("LOW", DAY, { cr: { windowStart: new Date("2025-01-20T15:00:00Z"), windowDurationMin: 15, windowTimeZone: "America/New_York" } }),
    );
    expect(r).toEqual({
      ready: true,
      warnings: [{ code: "PLANNED_WINDOW", message: "outside the planned deployment window (Mon 20 Jan 10:00–10:15 America/New_York)" }],
    });
  });
});

describe("emergency changes", () => {
  const verbal = vote("mgr", ["ENG_MANAGER"], { kind: "VERBAL_EMERGENCY", meetingId: null });
  const incident = { id: "inc1", severity: "SEV1", title: "Checkout down", resolvedAt: null };
  const em = (over: Parameters<typeof input>[2] = {}) =>
    input("HIGH", AFTERNOON, {
      approvals: [verbal],
      gateResults: [],
      incident,
      ...over,
      cr: { emergency: true, state: "SUBMITTED", onCallConfirmedAt: null, ...over.cr },
    });

  it("deploys at once outside windows and inside a freeze, with warnings", () => {
    const freezeWindows = [{ name: "Year-end", startsAt: ago(AFTERNOON, 60), endsAt: new Date("2025-01-15T08:00:00Z") }];
    const r = evaluateReadiness(em({ freezeWindows }));
    expect(r.ready).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(["GATE_MISSING", "GATE_MISSING", "GATE_MISSING", "ON_CALL", "FREEZE"]);
    expect(r.warnings.at(-1)?.message).toBe("inside freeze window 'Year-end' until 15 Jan 09:00 (emergency change allowed)");
  });

  it("needs the verbal approval of an engineering manager who is not the requester", () => {
    expect(missingOf(em({ approvals: [] }))).toEqual([
      { code: "VERBAL_APPROVAL", message: "needs the engineering manager's recorded verbal approval" },
    ]);
    expect(missingOf(em({ cr: { requesterId: "mgr" } })).map((m) => m.code)).toEqual(["VERBAL_APPROVAL"]);
    expect(missingOf(em({ approvals: [{ ...verbal, roles: ["CTO"] }] })).map((m) => m.code)).toEqual(["VERBAL_APPROVAL"]);
  });

  it("needs an open SEV-1/SEV-2 incident", () => {
    expect(missingOf(em({ incident: null }))).toEqual([{ code: "INCIDENT", message: "no incident declared for this emergency change" }]);
    expect(missingOf(em({ incident: { ...incident, resolvedAt: ago(AFTERNOON, 5) } }))).toEqual([
      { code: "INCIDENT", message: "incident 'Checkout down' is resolved; emergency changes need an open incident" },
    ]);
    expect(missingOf(em({ incident: { ...incident, severity: "SEV3" } }))[0]?.message).toBe("incident 'Checkout down' is not SEV-1 or SEV-2");
  });

  it("a draft, rejected or closed emergency change does not deploy", () => {
    for (const state of ["DRAFT", "REJECTED", "CANCELLED", "CLOSED", "DEPLOYED"] as const) {
      expect(missingOf(em({ cr: { state } }))[0]?.code, state).toBe("STATE");
    }
  });
});
