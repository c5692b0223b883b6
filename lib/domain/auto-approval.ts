// When CI/CD may approve a change by itself: the policy's rule for its risk says AUTOMATED, and
// every gate the rule requires has a passing latest result for the version the CR deploys. The
// gate results named here go into the audit trail, so "approved by which results" has an answer.
import { gateVerdict, type GateResultRecord } from "./readiness";
import type { Policy } from "./policy";
import type { CrState, GateKind, RiskLevel } from "./vocabulary";

export interface AutoApprovalCr {
  risk: RiskLevel;
  state: CrState;
  emergency: boolean;
  targetVersion: string;
}

export type AutoApproval<R extends GateResultRecord> =
  | { approve: true; results: R[] }
  | { approve: false; reason: string };

export function autoApproval<R extends GateResultRecord>(cr: AutoApprovalCr, results: readonly R[], policy: Policy): AutoApproval<R> {
  const rule = policy.rules[cr.risk];
  if (cr.emergency) return { approve: false, reason: "emergency changes are approved verbally" };
  if (!rule.approvals.includes("AUTOMATED")) return { approve: false, reason: "this risk level is not approved automatically" };
  // A rule that also needs CAB or CTO is not CI's to grant alone.
  if (rule.approvals.some((a) => a !== "AUTOMATED")) return { approve: false, reason: "people must also approve this risk level" };
  if (cr.state !== "SUBMITTED") return { approve: false, reason: "the change is not awaiting approval" };
  if (rule.gates.length === 0) return { approve: false, reason: "automated approval needs at least one gate" };
  const used: R[] = [];
  for (const gate of rule.gates) {
    const latest = latestFor(results, gate, cr.targetVersion);
    if (!latest) return { approve: false, reason: `${gate} not reported for version ${cr.targetVersion}` };
    if (!gateVerdict(latest, policy).passed) return { approve: false, reason: `${gate} did not pass` };
    used.push(latest);
  }
  return { approve: true, results: used };
}

function latestFor<R extends GateResultRecord>(results: readonly R[], gate: GateKind, version: string): R | undefined {
  let latest: R | undefined;
  for (const r of results) if (r.gate === gate && r.version === version && (!latest || r.createdAt >= latest.createdAt)) latest = r;
  return latest;
}
