import { describe, expect, it } from "vitest";
import { tallyApprovals, type ApprovalRecord } from "./approval-tally";
import { DEFAULT_POLICY } from "./policy";
import { evaluateReadiness, type ReadinessInput } from "./readiness";
import { readinessChecklist } from "./readiness-checklist";

// Wednesday 2026-03-04 11:00 Berlin: business hours, not after hours.
const now = new Date("2026-03-04T10:00:00Z");
const vote = (userId: string, roles: ApprovalRecord["roles"], meetingId: string | null = "m1"): ApprovalRecord => ({
  userId, userName: userId, roles, kind: "STANDARD", decision: "APPROVE", round: 0, createdAt: now, meetingId,
  meeting: meetingId ? { startedAt: new Date(now.getTime() - 600_000), closedAt: null, endsAt: new Date(now.getTime() + 3_000_000) } : null,
});
function input(risk: "MEDIUM" | "HIGH", approvals: ApprovalRecord[]): ReadinessInput {
  return {
    cr: { id: "cr", state: "APPROVED", risk, requesterId: "req", approvalRound: 0, emergency: false, targetVersion: "3", onCallUserId: "oc", onCallConfirmedAt: null },
    approvals,
    gateResults: [{ gate: "FULL_SUITE", version: "3", passed: true, value: null, createdAt: now }],
    policy: DEFAULT_POLICY,
    incident: null,
    freezeWindows: [],
    now,
  };
}

describe("readiness checklist", () => {
  it("a High CR with CAB approval but no CTO shows the CAB ticked and 'needs CTO approval'", () => {
    const i = input("HIGH", [vote("lead", ["CAB_MEMBER"]), vote("sre", ["CAB_MEMBER", "SRE"])]);
    const rows = readinessChecklist("HIGH", DEFAULT_POLICY, tallyApprovals(i.cr, i.approvals, DEFAULT_POLICY), evaluateReadiness(i));
    expect(rows.find((r) => r.label.startsWith("CAB"))?.done).toBe(true);
    expect(rows.find((r) => r.label === "CTO approval")).toMatchObject({ done: false, detail: "needs CTO approval" });
    expect(rows.find((r) => r.label === "Load test")?.done).toBe(false);
    expect(rows.find((r) => r.group === "Window")).toMatchObject({ done: false });
    expect(rows.find((r) => r.group === "On-call")?.detail).toBe("on-call engineer not confirmed present");
  });

  it("a Medium CR lists exactly its policy's rows, and the rows tick when readiness has nothing missing", () => {
    const i = input("MEDIUM", [vote("lead", ["CAB_MEMBER"]), vote("sre", ["CAB_MEMBER", "SRE"])]);
    i.gateResults = [...i.gateResults, { gate: "SMOKE", version: "3", passed: true, value: null, createdAt: now }];
    const readiness = evaluateReadiness(i);
    expect(readiness.ready).toBe(true);
    const rows = readinessChecklist("MEDIUM", DEFAULT_POLICY, tallyApprovals(i.cr, i.approvals, DEFAULT_POLICY), readiness);
    expect(rows.map((r) => r.group)).toEqual(["Approvals", "Tests", "Tests", "Window", "On-call"]);
    expect(rows.every((r) => r.done)).toBe(true);
  });
});

describe("readiness checklist of an emergency change", () => {
  const base = input("HIGH", []);
  const emergency = (approvals: ApprovalRecord[], resolvedAt: Date | null = null): ReadinessInput => ({
    ...base,
    cr: { ...base.cr, emergency: true, state: "APPROVED" },
    approvals,
    incident: { id: "inc", severity: "SEV1", title: "Checkout down", resolvedAt },
  });
  const rowsOf = (i: ReadinessInput) => readinessChecklist("HIGH", DEFAULT_POLICY, tallyApprovals(i.cr, i.approvals, DEFAULT_POLICY), evaluateReadiness(i), true);
  const verbal: ApprovalRecord = { userId: "mgr", userName: "Maya Manager", roles: ["ENG_MANAGER"], kind: "VERBAL_EMERGENCY", decision: "APPROVE", round: 0, createdAt: now };

  it("with the manager's word and an open incident: every blocking row ticked, the matrix's CAB and CTO rows absent", () => {
    const i = emergency([verbal]);
    expect(evaluateReadiness(i).ready).toBe(true);
    const rows = rowsOf(i);
    expect(rows.filter((r) => r.label.startsWith("CAB approval") || r.label === "CTO approval")).toEqual([]);
    expect(rows.find((r) => r.group === "Incident")?.done).toBe(true);
    expect(rows.find((r) => r.label.startsWith("Engineering manager"))).toMatchObject({ done: true, detail: "Maya Manager" });
    expect(rows.find((r) => r.label.startsWith("CAB retrospective"))).toMatchObject({ done: false, detail: "due at the next CAB meeting; does not hold the deploy" });
    // Tests are advisory: the missing load test shows, but the change is ready.
    expect(rows.find((r) => r.label === "Load test (advisory)")).toMatchObject({ done: false, detail: "load test not reported for version 3" });
    expect(rows.some((r) => r.group === "Window")).toBe(false);
  });

  it("without the manager's word, or with the incident resolved, the row that blocks is unticked with the reason", () => {
    expect(rowsOf(emergency([])).find((r) => r.label.startsWith("Engineering manager"))).toMatchObject({ done: false, detail: "needs the engineering manager's recorded verbal approval" });
    const resolved = rowsOf(emergency([verbal], new Date(now.getTime() - 1000))).find((r) => r.group === "Incident");
    expect(resolved?.done).toBe(false);
    expect(resolved?.detail).toMatch(/is resolved/);
  });
});
