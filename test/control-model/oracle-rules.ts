// The oracle's own reading of the policy, written apart from lib/domain's readiness, tally and gate:
// from the model's raw facts it says whether a change could be approved, deployed, or an alias
// rolled back, and why not. Where it and the portal disagree, one of them is wrong — the run fails.
import { DateTime } from "luxon";
import type { Policy } from "@/lib/domain/policy";
import type { GateKind } from "@/lib/domain/vocabulary";
import { codeOf, roleOf, type ModelCr, type ModelVote, type PersonKey, type World } from "./world";

const has = (p: PersonKey, role: string) => (roleOf(p) as readonly string[]).includes(role);
const ENGINEERING = ["ENGINEER", "CAB_MEMBER", "CTO", "ENG_MANAGER", "SRE", "ADMIN"];
const engineering = (p: PersonKey) => roleOf(p).some((r) => ENGINEERING.includes(r));

function seat(p: PersonKey): string | null {
  if (!has(p, "CAB_MEMBER")) return null;
  return has(p, "SRE") ? "SRE" : has(p, "PRODUCT") ? "PRODUCT" : has(p, "SECURITY") ? "SECURITY" : "LEAD";
}

/** Latest vote of each person (not the requester) of one kind in the change's current round. */
function latest(cr: ModelCr, kind: ModelVote["kind"]): ModelVote[] {
  const by = new Map<PersonKey, ModelVote>();
  for (const v of cr.votes) {
    if (v.kind !== kind || v.round !== cr.round || v.who === cr.requester) continue;
    const prev = by.get(v.who);
    if (!prev || v.at >= prev.at) by.set(v.who, v);
  }
  return [...by.values()];
}

function castInRunningMeeting(w: World, v: ModelVote, p: Policy): boolean {
  const m = v.meetingId ? w.meetings.get(v.meetingId) : undefined;
  if (!m || m.startedAt === null || v.at < m.startedAt) return false;
  if (m.closedAt !== null && v.at >= m.closedAt) return false;
  return v.at < m.endsAt + p.cab.meeting.startToleranceMinutes * 60_000;
}

export function rejected(cr: ModelCr): boolean {
  const p = cr.policy!;
  const votes = latest(cr, "STANDARD");
  const ctoNo = votes.some((v) => has(v.who, "CTO") && v.decision === "REJECT");
  return ctoNo || votes.filter((v) => seat(v.who) && v.decision === "REJECT").length >= p.cab.rejectionsToReject;
}

/**
 * Whether the approval rule of the change's risk is met (emergency changes: see emergencyReasons).
 * CI's automated approval is earned at the moment its gates pass ("transition"); afterwards it is a
 * fact of the round ("deploy"), and the gates themselves are judged again as gates.
 */
export function approvalReasons(w: World, cr: ModelCr, when: "transition" | "deploy" = "transition"): string[] {
  const p = cr.policy;
  if (!p) return ["never submitted"];
  const rule = p.rules[cr.risk];
  const votes = latest(cr, "STANDARD").filter((v) => seat(v.who) || has(v.who, "CTO"));
  const reasons: string[] = [];
  if (rejected(cr)) reasons.push("rejected");
  if (votes.some((v) => v.decision === "REQUEST_CHANGES")) reasons.push("changes requested");
  const cab = votes.filter((v) => v.decision === "APPROVE" && seat(v.who));
  const inMeeting = cab.filter((v) => castInRunningMeeting(w, v, p));
  const seats = (vs: ModelVote[]) => new Set(vs.map((v) => seat(v.who))).size;
  const { quorum, distinctSeats, outOfMeeting } = p.cab;
  const cabMet =
    (inMeeting.length >= quorum && seats(inMeeting) >= distinctSeats) ||
    (outOfMeeting.allowed && cab.length >= outOfMeeting.approvals && seats(cab) >= distinctSeats);
  if (rule.approvals.includes("CAB") && !cabMet) reasons.push("CAB rule not met");
  if (rule.approvals.includes("CTO") && !votes.some((v) => v.decision === "APPROVE" && has(v.who, "CTO"))) reasons.push("no CTO approval");
  if (rule.approvals.includes("AUTOMATED")) {
    if (when === "transition") reasons.push(...gateReasons(cr, { automated: true }).map((r) => `automated: ${r}`));
    else if (cr.autoApprovedRound !== cr.round) reasons.push("no automated approval in this round");
  }
  return reasons;
}

function gatePasses(g: { gate: GateKind; passed: boolean; value: number | null }, p: Policy): boolean {
  if (!g.passed) return false;
  const v = g.value;
  if (g.gate === "COVERAGE") return v !== null && v >= p.gates.coverageMinPct;
  if (g.gate === "LOAD_TEST") return v !== null && v <= p.gates.loadTestP95MaxMs;
  if (g.gate === "DEPENDENCY_AUDIT") return v !== null && v <= p.gates.dependencyAudit.maxFindings;
  return true;
}

/** Each required gate's latest countable result, for the pinned code, passes. CI's approval never counts the requester's entries. */
export function gateReasons(cr: ModelCr, opts: { automated: boolean }): string[] {
  const p = cr.policy!;
  const rule = p.rules[cr.risk];
  const ownCount = !opts.automated && rule.selfReportedGates;
  const reasons: string[] = [];
  for (const gate of rule.gates) {
    let best: ModelCr["gates"][number] | null = null;
    for (const g of cr.gates) {
      if (g.gate !== gate || g.version !== cr.targetVersion || g.sha !== cr.sha) continue;
      if (g.reporter !== null && g.reporter === cr.requester && !ownCount) continue;
      if (!best || g.at >= best.at) best = g;
    }
    if (!best || !gatePasses(best, p)) reasons.push(`${gate} not passing`);
  }
  return reasons;
}

export function windowOpen(p: Policy, risk: ModelCr["risk"], at: number): boolean {
  const local = DateTime.fromMillis(at, { zone: p.timeZone });
  const hm = local.toFormat("HH:mm");
  const day = local.weekday;
  switch (p.rules[risk].window) {
    case "ANYTIME":
      return true;
    case "BUSINESS_HOURS":
      return (p.businessHours.days as number[]).includes(day) && hm >= p.businessHours.start && hm < p.businessHours.end;
    case "AFTER_HOURS": {
      const { start, end, allDays } = p.afterHours;
      if ((allDays as number[]).includes(day)) return true;
      return end < start ? hm >= start || hm < end : hm >= start && hm < end;
    }
  }
}

function emergencyReasons(w: World, cr: ModelCr): string[] {
  const inc = cr.incident === null ? null : w.incidents[cr.incident]!;
  const reasons: string[] = [];
  if (!inc || (inc.resolvedAt !== null && inc.resolvedAt <= w.now)) reasons.push("no open incident");
  const verbal = latest(cr, "VERBAL_EMERGENCY").filter((v) => has(v.who, "ENG_MANAGER") && v.decision === "APPROVE");
  if (!verbal.some((v) => !inc || v.at >= inc.declaredAt - 60_000)) reasons.push("no verbal approval after the incident");
  return reasons;
}

/** Everything that must hold for this person to start this change's deployment now. */
/** `who` "ci": the model's pipeline token, whose scope is every service (it may start any ready change). */
export function deployReasons(w: World, cr: ModelCr, who: PersonKey | "ci"): string[] {
  const reasons: string[] = [];
  if (who !== "ci" && !((who === cr.requester && engineering(who)) || has(who, "SRE") || has(who, "ADMIN"))) reasons.push("not permitted");
  const deployable = cr.emergency ? ["SUBMITTED", "APPROVED", "SCHEDULED"] : ["APPROVED", "SCHEDULED"];
  if (!deployable.includes(cr.state)) reasons.push(`state ${cr.state}`);
  const live = codeOf(w, cr.service, cr.targetVersion);
  const shaped = w.services[cr.service]!.kind === "ECS" ? cr.targetVersion.startsWith(`${w.services[cr.service]!.fn}:`) : /^\d+$/.test(cr.targetVersion);
  if (!shaped || live === null || live !== cr.sha) reasons.push("target code not the pinned code");
  const busy = w.deployments.find((d) => d.service === cr.service && !TERMINAL.includes(d.state) && d.state !== "REVERTED");
  if (busy) reasons.push(`alias busy (${busy.kind} ${busy.id} ${busy.state})`);
  if (cr.emergency) return [...reasons, ...emergencyReasons(w, cr)];
  const p = cr.policy;
  if (!p) return [...reasons, "never submitted"];
  reasons.push(...approvalReasons(w, cr, "deploy"), ...gateReasons(cr, { automated: false }));
  if (!windowOpen(p, cr.risk, w.now)) reasons.push("outside the risk's window");
  const onCall = p.rules[cr.risk].onCall;
  if (onCall === "PRESENT" && (cr.onCallConfirmedAt === null || w.now - cr.onCallConfirmedAt > p.onCall.confirmationValidHours * 3_600_000)) {
    reasons.push("on-call engineer not confirmed");
  }
  if (w.freezes.some((f) => f.startsAt <= w.now && w.now < f.endsAt)) reasons.push("freeze");
  return reasons;
}

export const TERMINAL = ["SUCCEEDED", "ROLLED_BACK", "FAILED"];

/** Versions an alias may go back to: the baseline, and versions whose deployment succeeded and was not undone. */
export function knownGood(w: World, service: number): Set<string> {
  const good = new Set([w.services[service]!.baseline]);
  for (const d of w.deployments) if (d.kind === "DEPLOY" && d.service === service && d.state === "SUCCEEDED") good.add(d.to);
  return good;
}

/** The deployment whose version the alias serves (its change's requester may roll it back). */
export function currentDeployment(w: World, service: number, liveVersion: string) {
  return w.deployments.filter((d) => d.kind === "DEPLOY" && d.service === service && d.state === "SUCCEEDED" && d.to === liveVersion).at(-1) ?? null;
}

export function rollbackReasons(w: World, service: number, who: PersonKey, target: string, reason: string, live: { v: string; weights: Record<string, number> }): string[] {
  const reasons: string[] = [];
  const current = currentDeployment(w, service, live.v);
  const requester = current?.cr !== null && current?.cr !== undefined ? w.crs[current.cr]!.requester : null;
  const permitted = has(who, "SRE") || has(who, "ADMIN") || (engineering(who) && (w.services[service]!.onCall === who || requester === who));
  if (!permitted) reasons.push("not permitted");
  if (reason.trim() === "") reasons.push("no reason");
  if (!knownGood(w, service).has(target)) reasons.push(`version ${target} not known-good`);
  if (target === live.v && Object.keys(live.weights).length === 0) reasons.push("already live");
  if (w.deployments.some((d) => d.service === service && !TERMINAL.includes(d.state) && d.state !== "REVERTED")) reasons.push("alias busy");
  return reasons;
}

/**
 * Why submitting a change planned for [start, start + minutes) is refused: the risk's window must be
 * open at every minute of the plan (checked minute by minute with the oracle's own windowOpen), and
 * no declared freeze may overlap it. Empty when the portal must accept it.
 */
export function plannedWindowReasons(w: World, p: Policy, risk: ModelCr["risk"], start: number, minutes: number): string[] {
  const reasons: string[] = [];
  const end = start + minutes * 60_000;
  for (let t = start; t < end; t += 60_000) {
    if (!windowOpen(p, risk, t)) {
      reasons.push(`planned window outside the ${risk} window at ${DateTime.fromMillis(t, { zone: p.timeZone }).toFormat("ccc HH:mm")}`);
      break;
    }
  }
  if (w.freezes.some((f) => f.startsAt < end && start < f.endsAt)) reasons.push("planned window in a freeze");
  return reasons;
}
