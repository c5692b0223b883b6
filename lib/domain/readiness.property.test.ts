// Properties of evaluateReadiness: inputs start from a fully satisfied change and are then broken
// at random (votes dropped or added, gates dropped or added, state, time, freezes, on-call), so the
// search stays near the line between ready and not ready. Each rule is checked against an oracle
// written here, independently of approval-tally and deploy-window.
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { APPROVAL_DECISIONS, APPROVAL_KINDS, type ApprovalRecord } from "./approval-tally";
import { windowStatus } from "./deploy-window";
import { cabSeatOf, DEFAULT_POLICY, type Policy } from "./policy";
import { evaluateReadiness, type GateResultRecord, type ReadinessInput } from "./readiness";
import { CR_STATES, GATE_KINDS, RISK_LEVELS, type CrState, type RiskLevel, type Role } from "./vocabulary";

const ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC"];
const USERS = ["req", "u1", "u2", "u3", "u4"] as const;
const ROLE_SETS: Role[][] = [
  ["CAB_MEMBER"],
  ["CAB_MEMBER", "SRE"],
  ["CAB_MEMBER", "PRODUCT"],
  ["CAB_MEMBER", "SECURITY"],
  ["CTO"],
  ["CTO", "CAB_MEMBER"],
  ["ENG_MANAGER"],
  ["ENGINEER"],
  ["SRE"],
];
const H = 3_600_000;
const T_MIN = Date.UTC(2024, 0, 1);
const T_MAX = Date.UTC(2027, 11, 31);

const recordArb = (t0: number): fc.Arbitrary<ApprovalRecord> =>
  fc.record({
    userId: fc.constantFrom<string | null>(...USERS, null),
    roles: fc.constantFrom(...ROLE_SETS),
    kind: fc.constantFrom(...APPROVAL_KINDS),
    decision: fc.constantFrom(...APPROVAL_DECISIONS),
    round: fc.integer({ min: 0, max: 2 }),
    createdAt: fc.integer({ min: -48, max: 0 }).map((h) => new Date(t0 + h * H)),
    meetingId: fc.constantFrom<string | null>("m1", null),
    meeting: fc.constant({ startedAt: new Date(t0 - 49 * H), closedAt: null, endsAt: new Date(t0 + H) }),
    tokenId: fc.constantFrom<string | null>("ci", null),
  });
const gateArb = (t0: number): fc.Arbitrary<GateResultRecord> =>
  fc.record({
    gate: fc.constantFrom(...GATE_KINDS),
    version: fc.constantFrom("41", "42"),
    passed: fc.boolean(),
    value: fc.constantFrom(null, 0, 3, 79, 80, 95, 499, 500, 501, 900),
    createdAt: fc.integer({ min: -48, max: 0 }).map((h) => new Date(t0 + h * H)),
  });

/** A change that satisfies every rule of its risk at a time inside its window. */
function satisfied(risk: RiskLevel, zone: string, rawNow: number): ReadinessInput {
  const policy: Policy = { ...DEFAULT_POLICY, timeZone: zone };
  const w = windowStatus(policy, risk, new Date(rawNow));
  const now = w.open ? new Date(rawNow) : w.opensAt!;
  const at = new Date(now.getTime() - 2 * H);
  const v = (userId: string, roles: Role[]): ApprovalRecord => ({ userId, roles, kind: "STANDARD", decision: "APPROVE", round: 1, createdAt: at, meetingId: "m1", meeting: { startedAt: new Date(at.getTime() - H), closedAt: null, endsAt: new Date(at.getTime() + H) } });
  const approvals =
    risk === "LOW"
      ? [{ userId: null, roles: [], kind: "AUTOMATED" as const, decision: "APPROVE" as const, round: 1, createdAt: at, tokenId: "ci" }]
      : [v("u1", ["CAB_MEMBER"]), v("u2", ["CAB_MEMBER", "SRE"]), ...(risk === "HIGH" ? [v("u3", ["CTO"])] : [])];
  const gateResults = policy.rules[risk].gates.map((gate) => ({
    gate,
    version: "42",
    passed: true,
    value: gate === "LOAD_TEST" ? 300 : gate === "COVERAGE" ? 90 : gate === "DEPENDENCY_AUDIT" ? 0 : null,
    createdAt: at,
  }));
  return {
    cr: { id: "cr", state: "APPROVED", risk, requesterId: "req", approvalRound: 1, emergency: false, targetVersion: "42", onCallUserId: "oc", onCallConfirmedAt: new Date(now.getTime() - H) },
    approvals,
    gateResults,
    policy,
    incident: null,
    freezeWindows: [],
    now,
  };
}

/** Mostly the satisfying value, sometimes a breaking one: inputs stay near the ready/not-ready line. */
const rarely = <T,>(broken: fc.Arbitrary<T>, fine: T): fc.Arbitrary<T> =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(fine) }, { weight: 1, arbitrary: broken });

const baseOf = (risks: readonly RiskLevel[]) =>
  fc
    .record({ risk: fc.constantFrom(...risks), zone: fc.constantFrom(...ZONES), t: fc.integer({ min: T_MIN, max: T_MAX }) })
    .map(({ risk, zone, t }) => satisfied(risk, zone, t));
const baseArb = baseOf(RISK_LEVELS);

const brokenOf = (risks: readonly RiskLevel[], emergency: "never" | "sometimes" | "always") => baseOf(risks).chain((base) => {
  const t0 = base.now.getTime();
  return fc
    .record({
      keepApprovals: fc.array(rarely(fc.constant(false), true), { minLength: 3, maxLength: 3 }),
      extraApprovals: rarely(fc.array(recordArb(t0), { minLength: 1, maxLength: 6 }), []),
      keepGates: fc.array(rarely(fc.constant(false), true), { minLength: 3, maxLength: 3 }),
      extraGates: rarely(fc.array(gateArb(t0), { minLength: 1, maxLength: 5 }), []),
      state: rarely(fc.constantFrom(...CR_STATES), "APPROVED" as CrState),
      emergency: emergency === "sometimes" ? fc.boolean() : fc.constant(emergency === "always"),
      approvalRound: rarely(fc.constant(2), 1),
      shiftHours: rarely(fc.integer({ min: -80, max: 80 }), 0),
      onCall: rarely(fc.constantFrom("unconfirmed" as const, "stale" as const, "none" as const), "confirmed" as const),
      freezes: rarely(
        fc.array(fc.record({ from: fc.integer({ min: -100, max: 100 }), len: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 2 }),
        [],
      ),
      incident: fc.option(fc.record({ severity: fc.constantFrom("SEV1", "SEV2", "SEV3"), resolved: fc.boolean() })),
    })
    .map((m): ReadinessInput => {
      const now = new Date(t0 + m.shiftHours * H);
      const confirmed = { confirmed: now.getTime() - H, unconfirmed: null, stale: now.getTime() - 13 * H, none: null }[m.onCall];
      return {
        ...base,
        now,
        cr: {
          ...base.cr,
          state: m.state,
          emergency: m.emergency,
          approvalRound: m.approvalRound,
          onCallUserId: m.onCall === "none" ? null : "oc",
          onCallConfirmedAt: confirmed === null ? null : new Date(confirmed),
        },
        approvals: [...base.approvals.filter((_, i) => m.keepApprovals[i] !== false), ...m.extraApprovals],
        gateResults: [...base.gateResults.filter((_, i) => m.keepGates[i]), ...m.extraGates],
        freezeWindows: m.freezes.map((f, i) => ({ name: `F${i}`, startsAt: new Date(t0 + f.from * H), endsAt: new Date(t0 + (f.from + f.len) * H) })),
        incident: m.incident && { id: "inc", severity: m.incident.severity, resolvedAt: m.incident.resolved ? new Date(t0 - H) : null },
      };
    });
});
const brokenArb = brokenOf(RISK_LEVELS, "sometimes");

// ---- oracles -------------------------------------------------------------------------------
function latestVotes(i: ReadinessInput, kind: ApprovalRecord["kind"]) {
  const latest = new Map<string, ApprovalRecord>();
  for (const r of i.approvals) {
    if (r.kind !== kind || r.round !== i.cr.approvalRound || r.userId === null || r.userId === i.cr.requesterId) continue;
    const prev = latest.get(r.userId);
    if (!prev || r.createdAt >= prev.createdAt) latest.set(r.userId, r);
  }
  return [...latest.values()];
}
function cabAndCto(i: ReadinessInput) {
  const votes = latestVotes(i, "STANDARD");
  const cab = votes.filter((v) => v.decision === "APPROVE" && v.roles.includes("CAB_MEMBER"));
  const cto = votes.filter((v) => v.decision === "APPROVE" && v.roles.includes("CTO"));
  const ctoRejects = votes.some((v) => v.decision === "REJECT" && v.roles.includes("CTO"));
  const seats = (vs: ApprovalRecord[]) => new Set(vs.map((v) => cabSeatOf(v.roles))).size;
  const cabOk = (exclude?: string) => {
    const rest = cab.filter((v) => v.userId !== exclude);
    return rest.length >= 2 && seats(rest) >= 2;
  };
  return { cabOk: cabOk(), highOk: !ctoRejects && cto.some((c) => cabOk(c.userId!)) };
}
function gatePasses(i: ReadinessInput, gate: GateResultRecord["gate"]) {
  let latest: GateResultRecord | undefined;
  for (const r of i.gateResults) if (r.gate === gate && r.version === i.cr.targetVersion && (!latest || r.createdAt >= latest.createdAt)) latest = r;
  if (!latest?.passed) return false;
  if (gate === "LOAD_TEST") return latest.value !== null && latest.value <= 500;
  if (gate === "COVERAGE") return latest.value !== null && latest.value >= 80;
  if (gate === "DEPENDENCY_AUDIT") return latest.value === 0;
  return true;
}
function insideWindow(i: ReadinessInput) {
  const d = DateTime.fromJSDate(i.now, { zone: i.policy.timeZone });
  const hm = d.toFormat("HH:mm");
  if (i.cr.risk === "HIGH") return d.weekday >= 6 || hm >= "18:00" || hm < "08:00";
  if (i.cr.risk === "MEDIUM") return d.weekday <= 5 && hm >= "09:00" && hm < "17:00";
  return true;
}
const inFreeze = (i: ReadinessInput) => i.freezeWindows.some((f) => f.startsAt <= i.now && i.now < f.endsAt);
const ready = (i: ReadinessInput) => evaluateReadiness(i).ready;
const RUNS = { numRuns: 300 };

// Generous timeout: property runs share the machine with other suites and must not flake on a slow box.
describe("readiness properties", { timeout: 60_000 }, () => {
  it("a fully satisfied change is ready, in any zone and at any time inside its window", () => {
    fc.assert(
      fc.property(baseArb, (i) => {
        expect(evaluateReadiness(i)).toEqual({ ready: true, warnings: [] });
      }),
      RUNS,
    );
  });

  it("no High change is ready without CTO + CAB approval, all its gates, its window and on-call present", () => {
    fc.assert(
      fc.property(brokenOf(["HIGH"], "never"), (i) => {
        if (!ready(i)) return;
        expect(cabAndCto(i).highOk).toBe(true);
        for (const g of ["FULL_SUITE", "LOAD_TEST", "SECURITY_SCAN"] as const) expect(gatePasses(i, g)).toBe(true);
        expect(insideWindow(i)).toBe(true);
        const confirmedAt = i.cr.onCallConfirmedAt;
        expect(confirmedAt !== null && i.now.getTime() - confirmedAt.getTime() <= 12 * H).toBe(true);
      }),
      RUNS,
    );
  });

  it("no Medium change is ready without CAB approval, its gates and business hours", () => {
    fc.assert(
      fc.property(brokenOf(["MEDIUM"], "never"), (i) => {
        if (!ready(i)) return;
        expect(cabAndCto(i).cabOk).toBe(true);
        expect(gatePasses(i, "FULL_SUITE") && gatePasses(i, "SMOKE")).toBe(true);
        expect(insideWindow(i)).toBe(true);
        expect(i.cr.onCallUserId).not.toBeNull();
      }),
      RUNS,
    );
  });

  it("no Low change is ready without unit + integration tests for its version and the automated approval", () => {
    fc.assert(
      fc.property(brokenOf(["LOW"], "never"), (i) => {
        if (!ready(i)) return;
        expect(gatePasses(i, "UNIT") && gatePasses(i, "INTEGRATION")).toBe(true);
        expect(latestVotes({ ...i, approvals: i.approvals.map((a) => ({ ...a, userId: a.userId ?? "ci" })) }, "AUTOMATED").some((a) => a.decision === "APPROVE")).toBe(true);
      }),
      RUNS,
    );
  });

  it("no normal change is ready inside a freeze or outside Approved/Scheduled", () => {
    fc.assert(
      fc.property(brokenOf(RISK_LEVELS, "never"), (i) => {
        if (inFreeze(i) || !["APPROVED", "SCHEDULED"].includes(i.cr.state)) expect(ready(i)).toBe(false);
      }),
      RUNS,
    );
  });

  it("an emergency change is ready only with an engineering manager's verbal approval and an open SEV-1/2", () => {
    fc.assert(
      fc.property(brokenOf(RISK_LEVELS, "always"), (i) => {
        if (["DRAFT", "REJECTED", "CANCELLED", "CLOSED"].includes(i.cr.state)) expect(ready(i)).toBe(false);
        if (!ready(i)) return;
        const verbal = latestVotes(i, "VERBAL_EMERGENCY").filter((v) => v.roles.includes("ENG_MANAGER"));
        expect(verbal.some((v) => v.decision === "APPROVE")).toBe(true);
        expect(i.incident && ["SEV1", "SEV2"].includes(i.incident.severity) && !i.incident.resolvedAt).toBeTruthy();
        // A freeze never blocks an emergency change, but it is always said.
        expect(evaluateReadiness(i).warnings.some((w) => w.code === "FREEZE")).toBe(inFreeze(i));
      }),
      RUNS,
    );
  });

  it("self-approval never counts: dropping the requester's votes changes nothing", () => {
    fc.assert(
      fc.property(
        brokenArb,
        fc.array(fc.record({ kind: fc.constantFrom(...APPROVAL_KINDS), roles: fc.constantFrom(...ROLE_SETS) }), { maxLength: 4 }),
        (i, own) => {
          const selfVotes = own.map((o) => ({ ...o, userId: "req", decision: "APPROVE" as const, round: i.cr.approvalRound, createdAt: i.now, meetingId: "m1" }));
          const withSelf = { ...i, approvals: [...i.approvals, ...selfVotes] };
          const without = { ...i, approvals: i.approvals.filter((a) => a.userId !== "req") };
          expect(evaluateReadiness(withSelf)).toEqual(evaluateReadiness(without));
        },
      ),
      RUNS,
    );
  });
});
