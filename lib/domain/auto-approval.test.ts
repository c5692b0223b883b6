import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { autoApproval } from "./auto-approval";
import { DEFAULT_POLICY } from "./policy";
import type { GateResultRecord } from "./readiness";
import { GATE_KINDS, RISK_LEVELS } from "./vocabulary";

const cr = { risk: "LOW" as const, state: "SUBMITTED" as const, emergency: false, targetVersion: "7" };
const at = (m: number) => new Date(Date.UTC(2030, 0, 1, 12, m));
const r = (gate: GateResultRecord["gate"], passed: boolean, m: number, version = "7"): GateResultRecord => ({ gate, version, passed, value: null, createdAt: at(m) });

describe("autoApproval", () => {
  it("approves a Low change once unit and integration pass for its version, naming those results", () => {
    const results = [r("UNIT", true, 1), r("INTEGRATION", true, 2)];
    const out = autoApproval(cr, results, DEFAULT_POLICY);
    expect(out).toEqual({ approve: true, results });
  });

  it("the latest result per gate counts: a later failure blocks, a later pass recovers", () => {
    expect(autoApproval(cr, [r("UNIT", true, 1), r("INTEGRATION", true, 2), r("UNIT", false, 3)], DEFAULT_POLICY).approve).toBe(false);
    expect(autoApproval(cr, [r("UNIT", false, 1), r("INTEGRATION", true, 2), r("UNIT", true, 3)], DEFAULT_POLICY).approve).toBe(true);
  });

  it("results for another version do not count", () => {
    const out = autoApproval(cr, [r("UNIT", true, 1, "6"), r("INTEGRATION", true, 2)], DEFAULT_POLICY);
    expect(out).toEqual({ approve: false, reason: "UNIT not reported for version 7" });
  });

  it("never approves Medium or High, emergency, or a change not awaiting approval", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RISK_LEVELS),
        fc.boolean(),
        fc.constantFrom("DRAFT", "SUBMITTED", "APPROVED", "REJECTED") ,
        fc.array(fc.record({ gate: fc.constantFrom(...GATE_KINDS), passed: fc.boolean(), m: fc.nat(50), v: fc.constantFrom("6", "7") })),
        (risk, emergency, state, rs) => {
          const out = autoApproval({ risk, emergency, state, targetVersion: "7" }, rs.map((x) => r(x.gate, x.passed, x.m, x.v)), DEFAULT_POLICY);
          if (risk !== "LOW" || emergency || state !== "SUBMITTED") expect(out.approve).toBe(false);
          if (out.approve) expect(out.results.every((x) => x.passed && x.version === "7")).toBe(true);
        },
      ),
    );
  });
});
