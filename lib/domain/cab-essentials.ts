// What a CAB member needs beside the vote buttons: is the change otherwise ready (gates, on-call,
// code pin) — readiness without the parts the vote itself or the deploy moment decide.
import type { Policy } from "./policy";
import { evaluateReadiness, type ReadinessCode, type ReadinessInput, type ReadinessItem } from "./readiness";

// Approval items are what the vote settles; window, freeze and running deployments depend on the
// moment of deploying, not on the change the board is judging.
const BESIDES_APPROVAL: readonly ReadinessCode[] = ["GATE_MISSING", "GATE_STALE", "GATE_FAILED", "ON_CALL", "CODE_PIN"];

export interface ReadinessBesidesApproval {
  missing: ReadinessItem[];
  gatesRequired: number;
  gatesPassed: number;
}

export function readinessBesidesApproval(input: Omit<ReadinessInput, "freezeWindows" | "deployment">): ReadinessBesidesApproval {
  // The deploy window and the planned-window warning are dropped below anyway, and working them out
  // (day-by-day luxon intervals) was a sixth of the CPU of a 300-change meeting page: judge the
  // change as if its risk could deploy at any time and it had no planned window.
  const { cr, policy } = input;
  const anytime = { ...policy, rules: { ...policy.rules, [cr.risk]: { ...policy.rules[cr.risk], window: "ANYTIME" as const } } };
  const r = evaluateReadiness({ ...input, cr: { ...cr, windowStart: null }, policy: anytime, freezeWindows: [], deployment: null });
  const missing = r.ready ? [] : r.missing.filter((m) => BESIDES_APPROVAL.includes(m.code));
  // A flag change has no test gates.
  const gates = input.cr.flagId ? [] : input.policy.rules[input.cr.risk].gates;
  const failing = new Set(missing.filter((m) => m.gate).map((m) => m.gate));
  return { missing, gatesRequired: gates.length, gatesPassed: gates.filter((g) => !failing.has(g)).length };
}

/** One agenda change's inline details (read by lib/server/cab-agenda-details.ts). */
export interface ChangeEssentials {
  serviceName: string;
  window: { start: Date; minutes: number; zone: string };
  onCallName: string | null;
  /** The policy the change is judged by (pinned at submission). */
  policy: Policy;
  readiness: ReadinessBesidesApproval | null;
  incidentId: string | null;
  verbal: { by: string; at: Date; said: string | null } | null;
  deployment: { id: string; kind: string; state: string; outcome: string | null; rollbackKind: string | null; finishedAt: Date | null } | null;
}

/** The retrospective decision's rule in words (tallyApprovals' retrospective outcome: the CAB count, no CTO signature). */
export function retrospectiveRuleText(policy: Pick<Policy, "cab">): string[] {
  const { quorum, distinctSeats, outOfMeeting, rejectionsToReject } = policy.cab;
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? "" : "s"}`;
  const seats = distinctSeats > 1 ? ` from ${distinctSeats} different seats` : "";
  const outside = outOfMeeting.allowed ? `, or ${n(outOfMeeting.approvals, "CAB approval")}${seats} outside a meeting` : "";
  return [
    `Approved retrospectively with ${n(quorum, "CAB approval")}${seats} cast while the meeting runs${outside}; no CTO signature is needed.`,
    rejectionsToReject === 1 ? "One CAB rejection (or the CTO's) rejects it." : `${rejectionsToReject} CAB rejections (or the CTO's) reject it.`,
  ];
}
