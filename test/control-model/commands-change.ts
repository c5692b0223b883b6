// Commands on changes: file, edit any field, submit and the other lifecycle moves (any action name,
// by anyone), vote in and out of meetings, run meetings, report gates by CI and by hand, record
// verbal approvals, declare incidents and file emergency changes, confirm on-call presence.
// Each acts through the real service with the model's clock, records what succeeded, and says which
// state changes that success allows (the oracle's rules decide).
import { DateTime } from "luxon";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RiskLevel } from "@/lib/domain/vocabulary";
import { changeLifecycle } from "@/lib/server/change-lifecycle";
import { confirmOnCall } from "@/lib/server/confirm-on-call";
import { createChange } from "@/lib/server/create-change";
import { createChangeFromCi } from "@/lib/server/create-change-from-ci";
import { createEmergencyChange } from "@/lib/server/create-emergency-change";
import { declareIncident, resolveIncident } from "@/lib/server/incidents";
import { recordGateResult } from "@/lib/server/record-gate-result";
import { recordVerbalApproval } from "@/lib/server/record-verbal-approval";
import { startMeeting, takeChair } from "@/lib/server/cab-chair";
import { closeMeeting } from "@/lib/server/run-cab-meeting";
import { updateChange } from "@/lib/server/update-change";
import { voteOnChange } from "@/lib/server/vote-on-change";
import { changeFormValues } from "@/prisma/factories";
import { NOTHING, Violation, type Allow } from "./oracle-checks";
import { approvalReasons, plannedWindowReasons, rejected, windowOpen } from "./oracle-rules";
import type { Rng } from "./rng";
import { codeOf, type ModelCr, type PersonKey, type World } from "./world";

const ZONE = "Europe/Berlin";
const local = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
const minuteOf = (ms: number) => DateTime.fromFormat(local(ms), "yyyy-MM-dd'T'HH:mm", { zone: ZONE }).toMillis();
const instantOf = (form: Record<string, unknown>) => DateTime.fromFormat(String(form.windowStart), "yyyy-MM-dd'T'HH:mm", { zone: ZONE }).toMillis();

/** Mostly a start the risk's window holds (found with the oracle's own rule), sometimes any hour. */
function plannedStart(w: World, r: Rng, risk: RiskLevel, hours: number): string {
  const first = minuteOf(w.now + (1 + r.int(hours)) * 3_600_000);
  if (r.chance(0.25)) return local(first);
  for (let h = 0; h < 24 * 9; h++) {
    const at = Math.floor(first / 3_600_000 + h) * 3_600_000;
    if (windowOpen(w.policy, risk, at) && windowOpen(w.policy, risk, at + 14 * 60_000)) return local(at);
  }
  return local(first);
}

/**
 * Runs a submit and holds it to the planned-window rule: refused when the oracle finds a reason,
 * accepted otherwise (any other refusal is the portal's to give and passes through).
 */
async function judgedSubmit<T>(expected: string[], what: string, submit: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await submit();
  } catch (e) {
    if (e instanceof AppError && e.message.startsWith("Cannot submit:") && expected.length === 0) {
      throw new Violation(`${what} was refused for its planned window, which the oracle allows: ${e.message}`);
    }
    throw e;
  }
  if (expected.length > 0) throw new Violation(`${what} was accepted although ${expected.join("; ")}`);
  return result;
}
const STRATEGIES = ["AllAtOnce", "AllAtOnce", "Canary10Percent5Minutes", "Linear10PercentEvery1Minute", "BLUE_GREEN"] as const;
const REQUESTERS: PersonKey[] = ["eng1", "eng2", "lead"];
const VOTERS: PersonKey[] = ["lead", "sreCab", "product", "security", "cto", "eng1", "sre"];
const CAB: PersonKey[] = ["lead", "sreCab", "product", "security"];

/** A change the command acts on: mostly one in a state where the command means something. */
export function pickCr(w: World, r: Rng, states?: string[]): [ModelCr, number] | null {
  const live = w.crs.map((c, i) => [c, i] as const).filter(([c]) => !["CLOSED", "CANCELLED"].includes(c.state));
  const wanted = states ? live.filter(([c]) => states.includes(c.state)) : live;
  const pool = wanted.length > 0 && r.chance(0.85) ? wanted : live;
  return pool.length ? ([...r.pick(pool)] as [ModelCr, number]) : null;
}

const only =
  (index: number, ok: (from: string, to: string) => string | null): Allow =>
  (cr, from, to) =>
    cr === index ? ok(from, to) : NOTHING(cr, from, to);

function submitted(w: World, cr: ModelCr, meetingId: string | null) {
  if (cr.submitted) cr.round++;
  cr.submitted = true;
  cr.policy = w.policy;
  if (cr.flag !== undefined) {
    // A flag change pins the flag's parameter version; Low risk needs no person's approval.
    cr.sha = String(w.sandbox.store.ssm.find(w.flags[cr.flag]!.parameterName)?.versions.at(-1)?.version ?? "");
    if (cr.risk === "LOW") cr.autoApprovedRound = cr.round;
  } else cr.sha = codeOf(w, cr.service, cr.targetVersion);
  cr.meetingId = meetingId;
}

export async function fileChange(w: World, r: Rng): Promise<Allow> {
  if (w.crs.filter((c) => !["CLOSED", "CANCELLED"].includes(c.state)).length >= 24) return NOTHING;
  const requester = r.pick(REQUESTERS);
  // Mostly the Lambda aliases; one change in five the ECS service (a task definition revision, rolled out by ECS).
  const service = r.chance(0.2) ? 2 : r.int(2);
  const ecs = w.services[service]!.kind === "ECS";
  const risk = r.pick<RiskLevel>(["LOW", "MEDIUM", "HIGH"]);
  const form = changeFormValues(
    { serviceId: w.services[service]!.id, onCallUserId: w.people[r.pick<PersonKey>(["eng1", "eng2", "lead", "sre", "sreCab"])].id },
    {
      risk,
      targetVersion: ecs ? `${w.services[service]!.fn}:${2 + r.int(4)}` : String(2 + r.int(6)),
      strategy: ecs ? "ROLLING" : r.pick(STRATEGIES),
      windowStart: plannedStart(w, r, risk, 72),
      windowTimeZone: ZONE,
    },
    new Date(w.now),
  );
  // Some changes come from the pipeline's API: Low risk, filed and submitted for the token's owner.
  const byCi = r.chance(0.15);
  const submit = byCi || r.chance(0.7);
  if (byCi) form.risk = "LOW";
  // A person's submit is held to the planned-window rule; the pipeline's API is not (it files for "now").
  const expected = submit && !byCi ? plannedWindowReasons(w, w.policy, form.risk, instantOf(form), form.windowDurationMin) : [];
  const cr = byCi
    ? await createChangeFromCi(w.token, { ...form, implementationSteps: form.implementationSteps.map((x) => x.text) }, new Date(w.now))
    : await judgedSubmit(expected, `filing a ${form.risk} change for ${form.windowStart}`, () => createChange(w.people[requester], form, { submit, now: new Date(w.now) }));
  const m: ModelCr = {
    id: cr.id, number: cr.number, requester: byCi ? "admin" : requester, risk: form.risk, service, targetVersion: form.targetVersion,
    onCall: (Object.keys(w.people) as PersonKey[]).find((k) => w.people[k].id === form.onCallUserId)!,
    emergency: false, incident: null, policy: null, sha: null, round: 0, submitted: false, votes: [], gates: [], onCallConfirmedAt: null,
    meetingId: null, state: cr.state, version: cr.version, auditState: "DRAFT", form,
  };
  if (submit) submitted(w, m, cr.cabMeetingId);
  w.crs.push(m);
  return NOTHING;
}

const MATERIAL = ["targetVersion", "onCallUserId", "windowStart", "risk", "strategy"];

export async function editChange(w: World, r: Rng): Promise<Allow> {
  const picked = pickCr(w, r, ["DRAFT", "SUBMITTED", "APPROVED"]);
  if (!picked || picked[0].emergency || !picked[0].form) return NOTHING;
  const [cr, i] = picked;
  const who = r.chance(0.85) ? cr.requester : r.pick(VOTERS);
  const field = r.pick(["targetVersion", "onCallUserId", "windowStart", "risk", "summary", "summary"]);
  const change: Record<string, unknown> = {
    targetVersion: w.services[cr.service]!.kind === "ECS" ? `${w.services[cr.service]!.fn}:${1 + r.int(5)}` : String(1 + r.int(8)),
    onCallUserId: w.people[r.pick<PersonKey>(["eng1", "eng2", "lead", "sre", "sreCab"])].id,
    windowStart: plannedStart(w, r, cr.risk, 48),
    risk: r.pick<RiskLevel>(["LOW", "MEDIUM", "HIGH"]),
    summary: `Edited summary ${r.int(1000)}`,
  };
  // A window already past must move, or the full form (past draft) refuses it.
  const next = { ...cr.form, [field]: change[field] };
  if (String(next.windowStart) < local(w.now + 60_000)) next.windowStart = change.windowStart;
  const submit = cr.state === "DRAFT" && r.chance(0.3);
  const before = cr.form!;
  // Submitting a draft is judged by the policy in force; moving a submitted change's window or risk by the one it was submitted under.
  const replanned = cr.state !== "DRAFT" && (before.windowStart !== next.windowStart || before.risk !== next.risk);
  const judgedBy = cr.state === "DRAFT" ? w.policy : (cr.policy ?? w.policy);
  const expected = submit || replanned ? plannedWindowReasons(w, judgedBy, next.risk as RiskLevel, instantOf(next), Number(next.windowDurationMin)) : [];
  const updated = await judgedSubmit(expected, `editing ${cr.number} (${field} → ${String(next[field])})`, () =>
    updateChange(w.people[who], { ...next, id: cr.id, version: cr.version, submit }, new Date(w.now)),
  );
  const material = MATERIAL.some((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
  const from = cr.state;
  cr.form = next;
  cr.risk = next.risk as RiskLevel;
  cr.targetVersion = String(next.targetVersion);
  cr.onCall = (Object.keys(w.people) as PersonKey[]).find((k) => w.people[k].id === next.onCallUserId)!;
  if (material) cr.onCallConfirmedAt = null;
  if (from !== "DRAFT") {
    cr.sha = codeOf(w, cr.service, cr.targetVersion);
    if (material) cr.round++;
  }
  if (submit) submitted(w, cr, updated.cabMeetingId);
  return only(i, (f, t) => (t === "SUBMITTED" && ((material && f !== "DRAFT") || (submit && f === "DRAFT")) ? null : `edit moved ${cr.number} ${f} → ${t}`));
}

const PERSON_MOVES: Record<string, { from: string[]; to: string }> = {
  submit: { from: ["DRAFT"], to: "SUBMITTED" },
  cancel: { from: ["DRAFT", "SUBMITTED", "APPROVED", "SCHEDULED"], to: "CANCELLED" },
  reopen: { from: ["REJECTED", "FAILED", "ROLLED_BACK"], to: "DRAFT" },
  close: { from: ["DEPLOYED", "ROLLED_BACK", "FAILED", "REJECTED"], to: "CLOSED" },
};

export async function lifecycle(w: World, r: Rng): Promise<Allow> {
  const picked = pickCr(w, r);
  if (!picked) return NOTHING;
  const [cr, i] = picked;
  const who = r.chance(0.7) ? cr.requester : r.pick<PersonKey>(["admin", "eng1", "lead", "sre"]);
  const action = r.pick(["submit", "submit", "reopen", "close", "cancel", "approve", "startDeploy", "deploySucceeded", "rollBack", "resetApprovals"]);
  if (action === "cancel" && r.chance(0.7)) return NOTHING;
  // Submitting a draft (not a flag or emergency change) holds its planned window to the policy in force.
  const judged = action === "submit" && cr.state === "DRAFT" && cr.form && cr.flag === undefined && !cr.emergency && (who === cr.requester || who === "admin");
  const expected = judged ? plannedWindowReasons(w, w.policy, cr.risk, instantOf(cr.form!), Number(cr.form!.windowDurationMin)) : [];
  const updated = await judgedSubmit(expected, `submitting ${cr.number}`, () => changeLifecycle(w.people[who], { action, id: cr.id, version: cr.version }, new Date(w.now)));
  const move = PERSON_MOVES[action];
  if (!move || !(who === cr.requester || who === "admin")) throw new Violation(`${who} made ${action} on ${cr.number} (requested by ${cr.requester})`);
  if (action === "submit") submitted(w, cr, updated.cabMeetingId);
  // A Low-risk flag change is approved as it is submitted.
  const to = action === "submit" && cr.flag !== undefined && cr.risk === "LOW" ? "APPROVED" : move.to;
  return only(i, (f, t) => (move.from.includes(f) && t === to ? null : `${action} moved ${cr.number} ${f} → ${t}`));
}

async function meetingOf(w: World, id: string) {
  if (!w.meetings.has(id)) {
    const m = await db.cabMeeting.findUniqueOrThrow({ where: { id } });
    w.meetings.set(id, { startsAt: m.startsAt.getTime(), endsAt: m.endsAt.getTime(), startedAt: m.startedAt?.getTime() ?? null, closedAt: m.closedAt?.getTime() ?? null });
  }
  return w.meetings.get(id)!;
}

/** A vote on the CR's page, or (`slack`) an Approve click on its Slack message, which never votes in a meeting. */
export async function vote(w: World, r: Rng, slack?: (who: PersonKey, crId: string) => Promise<void>): Promise<Allow> {
  const votable = w.crs.map((c, i) => [c, i] as const).filter(([c]) => c.state === "SUBMITTED" && !c.emergency && c.risk !== "LOW");
  const picked = votable.length > 0 && r.chance(0.85) ? ([...r.pick(votable)] as [ModelCr, number]) : pickCr(w, r, ["SUBMITTED"]);
  if (!picked) return NOTHING;
  const [cr, i] = picked;
  // Mostly someone whose vote would count and who has not voted this round; sometimes anyone.
  const fresh = [...CAB, ...(cr.risk === "HIGH" ? (["cto"] as const) : [])].filter((p) => !cr.votes.some((v) => v.who === p && v.round === cr.round));
  const who = fresh.length > 0 && r.chance(0.85) ? r.pick(fresh) : r.pick(VOTERS);
  const decision = slack || r.chance(0.8) ? "APPROVE" : r.pick(["REJECT", "REQUEST_CHANGES"] as const);
  const meeting = cr.meetingId ? await meetingOf(w, cr.meetingId) : null;
  const running = meeting !== null && meeting.startedAt !== null && meeting.closedAt === null && w.now < meeting.endsAt;
  const meetingId = !slack && cr.meetingId && r.chance(running ? 0.8 : 0.1) ? cr.meetingId : null;
  if (slack) await slack(who, cr.id);
  else await voteOnChange(w.people[who], { crId: cr.id, decision, comment: decision === "APPROVE" ? "" : "needs work", meetingId: meetingId ?? undefined }, new Date(w.now));
  cr.votes.push({ who, kind: "STANDARD", decision, at: w.now, round: cr.round, meetingId });
  return only(i, (f, t) => {
    if (f !== "SUBMITTED") return `a vote moved ${cr.number} from ${f}`;
    if (t === "APPROVED") return approvalReasons(w, cr).length === 0 ? null : `${cr.number} approved although: ${approvalReasons(w, cr).join("; ")}`;
    if (t === "REJECTED") return rejected(cr) ? null : `${cr.number} rejected without the policy's rejection`;
    if (t === "DRAFT") return decision === "REQUEST_CHANGES" ? null : `${cr.number} sent back without a request for changes`;
    return `a vote moved ${cr.number} to ${t}`;
  });
}

export async function runMeeting(w: World, r: Rng): Promise<Allow> {
  const withMeeting = w.crs.filter((c) => c.meetingId);
  if (withMeeting.length === 0) return NOTHING;
  const id = r.pick(withMeeting).meetingId!;
  const m = await meetingOf(w, id);
  const who = r.pick<PersonKey>(["lead", "sreCab", "product", "cto", "eng1"]);
  if (r.chance(0.9) || (m.startedAt === null && w.now < m.endsAt)) {
    if (m.startedAt !== null) return NOTHING;
    // The first CAB member or the CTO to try takes the free chair; only the chair starts the meeting.
    if (!m.chair) {
      await takeChair(w.people[who], { meetingId: id }, new Date(w.now));
      m.chair = who;
    }
    await startMeeting(w.people[who], { meetingId: id }, new Date(w.now));
    const tol = w.policy.cab.meeting.startToleranceMinutes * 60_000;
    if (who !== m.chair) throw new Violation(`${who} started a meeting chaired by ${m.chair}`);
    if (w.now < m.startsAt - tol || w.now >= m.endsAt) throw new Violation(`meeting started at ${new Date(w.now).toISOString()}, outside its slot`);
    m.startedAt = w.now;
  } else {
    await closeMeeting(w.people[who], { meetingId: id }, new Date(w.now));
    if (who !== m.chair) throw new Violation(`${who} closed a meeting chaired by ${m.chair ?? "nobody"}`);
    m.closedAt = w.now;
  }
  return NOTHING;
}

export async function reportGate(w: World, r: Rng): Promise<Allow> {
  const picked = pickCr(w, r, ["SUBMITTED", "APPROVED"]);
  if (!picked || !picked[0].policy) return NOTHING;
  const [cr, i] = picked;
  const gates = cr.policy!.rules[cr.risk].gates;
  const gate = gates.length && r.chance(0.9) ? r.pick(gates) : r.pick(["UNIT", "COVERAGE", "LOAD_TEST"] as const);
  const value = gate === "COVERAGE" ? 70 + r.int(30) : gate === "LOAD_TEST" ? 300 + r.int(400) : gate === "DEPENDENCY_AUDIT" ? r.int(2) : null;
  const version = r.chance(0.9) ? cr.targetVersion : String(1 + r.int(8));
  const passed = r.chance(0.85);
  const byCi = r.chance(0.6);
  const who = r.chance(0.5) ? cr.requester : r.pick<PersonKey>(["eng1", "eng2", "security"]);
  const input = { gate, version, passed, value, ...(byCi ? {} : { evidenceUrl: "https://ci.example.com/run/1" }) };
  await recordGateResult(byCi ? { token: w.token } : { actor: w.people[who] }, cr.id, input, new Date(w.now));
  cr.gates.push({ gate, version, passed, value, at: w.now, reporter: byCi ? null : who, sha: cr.sha });
  return only(i, (f, t) => {
    if (f !== "SUBMITTED" || t !== "APPROVED" || approvalReasons(w, cr).length > 0) return `a gate result moved ${cr.number} ${f} → ${t} (${approvalReasons(w, cr).join("; ")})`;
    cr.autoApprovedRound = cr.round;
    return null;
  });
}

export async function incident(w: World, r: Rng): Promise<Allow> {
  const open = w.incidents.map((x, i) => [x, i] as const).filter(([x]) => x.resolvedAt === null);
  if (open.length > 0 && r.chance(0.3)) {
    const [x] = r.pick(open);
    await resolveIncident(w.people.eng1, x.id, new Date(w.now));
    x.resolvedAt = w.now;
    return NOTHING;
  }
  if (open.length === 0 || r.chance(0.3)) {
    const severity = r.pick(["SEV1", "SEV2"] as const);
    const x = await declareIncident(w.people[r.pick(REQUESTERS)], { severity, title: "Checkout errors", description: "5xx since the last deploy" }, new Date(w.now));
    w.incidents.push({ id: x.id, declaredAt: w.now, resolvedAt: null, severity });
    return NOTHING;
  }
  const [x, index] = r.pick(open);
  const requester = r.pick(REQUESTERS);
  const service = r.int(2);
  const targetVersion = String(1 + r.int(7));
  const cr = await createEmergencyChange(
    w.people[requester],
    { incidentId: x.id, summary: "Emergency fix for the incident", serviceId: w.services[service]!.id, targetVersion, risk: r.pick<RiskLevel>(["MEDIUM", "HIGH"]), rollbackPlan: "Roll the alias back" },
    new Date(w.now),
  );
  const m: ModelCr = {
    id: cr.id, number: cr.number, requester, risk: cr.risk, service, targetVersion, onCall: w.services[service]!.onCall, emergency: true, incident: index,
    policy: null, sha: null, round: 0, submitted: false, votes: [], gates: [], onCallConfirmedAt: null, meetingId: null, state: cr.state, version: cr.version, auditState: "DRAFT", form: null,
  };
  submitted(w, m, cr.cabMeetingId);
  w.crs.push(m);
  return NOTHING;
}

export async function verbalApproval(w: World, r: Rng): Promise<Allow> {
  const emergencies = w.crs.map((c, i) => [c, i] as const).filter(([c]) => c.emergency && ["DRAFT", "SUBMITTED"].includes(c.state));
  if (emergencies.length === 0) return NOTHING;
  const [cr, i] = r.pick(emergencies);
  const who = r.chance(0.8) ? "manager" : r.pick<PersonKey>(["eng1", "cto", "lead"]);
  const at = r.chance(0.8) ? w.now - r.int(90) * 60_000 : r.chance(0.5) ? w.now - 3 * 365 * 86_400_000 : w.now + 3 * 3_600_000;
  const updated = await recordVerbalApproval(w.people[who], { crId: cr.id, approverSaid: "Go ahead", approvedAt: local(at) }, new Date(w.now));
  if (cr.state === "DRAFT") submitted(w, cr, updated.cabMeetingId);
  cr.votes.push({ who, kind: "VERBAL_EMERGENCY", decision: "APPROVE", at: minuteOf(at), round: cr.round, meetingId: null });
  const inc = w.incidents[cr.incident!]!;
  const bad = who !== "manager" || who === cr.requester || minuteOf(at) < inc.declaredAt - 60_000 || minuteOf(at) > w.now + 60_000;
  if (bad) throw new Violation(`verbal approval of ${cr.number} by ${who} at ${new Date(at).toISOString()} accepted`);
  return only(i, (f, t) => (["DRAFT", "SUBMITTED"].includes(f) && t === "APPROVED" ? null : `a verbal approval moved ${cr.number} ${f} → ${t}`));
}

export async function confirmPresence(w: World, r: Rng): Promise<Allow> {
  const picked = pickCr(w, r, ["SUBMITTED", "APPROVED"]);
  if (!picked) return NOTHING;
  const [cr] = picked;
  const who = r.chance(0.85) ? cr.onCall : r.pick<PersonKey>(["eng1", "sre", "lead"]);
  await confirmOnCall(w.people[who], { id: cr.id }, new Date(w.now));
  if (who !== cr.onCall) throw new Violation(`${who} confirmed presence for ${cr.number}, whose on-call engineer is ${cr.onCall}`);
  cr.onCallConfirmedAt = w.now;
  return NOTHING;
}
