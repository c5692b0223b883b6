// Commands on feature flags: propose a widening (a change request with the flag's risk), apply an
// approved one (a guarded rollout the tick command then drives), the kill switch, and a hand edit of
// the parameter in SSM. The oracle's own rules for applying and killing are here too.
import { parseParameterValue, type FlagConfig } from "@/lib/domain/flag-config";
import { AppError } from "@/lib/errors";
import { applyFlagChange } from "@/lib/server/apply-flag-change";
import { killFlag } from "@/lib/server/kill-flag";
import { proposeFlagChange } from "@/lib/server/propose-flag-change";
import { reconcileFlag as reconcile } from "@/lib/server/reconcile-flag";
import { NOTHING, Violation, type Allow } from "./oracle-checks";
import { approvalReasons, TERMINAL, windowOpen } from "./oracle-rules";
import type { Rng } from "./rng";
import { roleOf, type ModelCr, type PersonKey, type World } from "./world";

const ENGINEERS: PersonKey[] = ["eng1", "eng2", "lead"];
const ACTORS: PersonKey[] = ["eng1", "eng2", "lead", "sre", "admin", "product", "sreCab"];
const has = (p: PersonKey, role: string) => (roleOf(p) as readonly string[]).includes(role);
const engineering = (p: PersonKey) => roleOf(p).some((r) => ["ENGINEER", "CAB_MEMBER", "CTO", "ENG_MANAGER", "SRE", "ADMIN"].includes(r));

/** What the flag's parameter holds now, as SSM (the sandbox) says. */
function published(w: World, flag: number): { config: FlagConfig | null; version: number | null } {
  const p = w.sandbox.store.ssm.find(w.flags[flag]!.parameterName);
  const last = p?.versions.at(-1);
  return { config: last ? parseParameterValue(last.value) : null, version: last?.version ?? null };
}

const running = (w: World, pred: (d: World["deployments"][number]) => boolean) => w.deployments.some((d) => pred(d) && !TERMINAL.includes(d.state) && d.state !== "REVERTED");

export async function proposeFlag(w: World, r: Rng): Promise<Allow> {
  if (w.crs.filter((c) => !["CLOSED", "CANCELLED"].includes(c.state)).length >= 28) return NOTHING;
  const flag = r.int(w.flags.length);
  const f = w.flags[flag]!;
  const requester = r.pick(ENGINEERS);
  const percentage = r.pick([5, 10, 25, 50, 100]);
  const steps = r.chance(0.5) ? [] : [...new Set([Math.max(1, Math.floor(percentage / 5)), Math.floor(percentage / 2), percentage])].filter((p) => p > 0).sort((a, b) => a - b);
  const target = { enabled: true, percentage, allowlist: ["u1", "u2"].filter(() => r.chance(0.5)), rollout: steps.map((p) => ({ percentage: p, holdMinutes: 1 + r.int(3) })) };
  const base = published(w, flag).version;
  const cr = await proposeFlagChange(w.people[requester], { flagId: f.id, justification: "model rollout", target }, new Date(w.now));
  const m: ModelCr = {
    id: cr.id, number: cr.number, requester, risk: f.risk, service: f.service, targetVersion: "", onCall: w.services[f.service]!.onCall, emergency: false, incident: null,
    policy: w.policy, sha: base === null ? null : String(base), round: 0, submitted: true, votes: [], gates: [], onCallConfirmedAt: null, meetingId: cr.cabMeetingId,
    state: cr.state, version: cr.version, auditState: "DRAFT", form: null, flag, flagTarget: target,
    // The oracle's rule: a Low-risk flag change needs no person's approval (no test gates apply to it).
    autoApprovedRound: f.risk === "LOW" ? 0 : undefined,
  };
  w.crs.push(m);
  return NOTHING;
}

/** Everything that must hold for this person to apply this flag change now. */
function applyReasons(w: World, cr: ModelCr, who: PersonKey): string[] {
  const reasons: string[] = [];
  if (!((who === cr.requester && engineering(who)) || has(who, "SRE") || has(who, "ADMIN"))) reasons.push("not permitted");
  if (!["APPROVED", "SCHEDULED"].includes(cr.state)) reasons.push(`state ${cr.state}`);
  reasons.push(...approvalReasons(w, cr, "deploy"));
  const p = cr.policy!;
  if (!windowOpen(p, cr.risk, w.now)) reasons.push("outside the risk's window");
  if (w.freezes.some((f) => f.startsAt <= w.now && w.now < f.endsAt)) reasons.push("freeze");
  if (String(published(w, cr.flag!).version) !== cr.sha) reasons.push("the flag changed since the change was decided");
  if (running(w, (d) => d.kind === "FLAG_ROLLOUT" && d.flag === cr.flag)) reasons.push("a rollout of the flag is running");
  if (running(w, (d) => d.kind !== "FLAG_ROLLOUT" && d.service === cr.service)) reasons.push("a deployment holds the alias");
  return reasons;
}

export async function applyFlag(w: World, r: Rng): Promise<Allow> {
  const flagCrs = w.crs.map((c, i) => [c, i] as const).filter(([c]) => c.flag !== undefined && !["CLOSED", "CANCELLED"].includes(c.state));
  if (flagCrs.length === 0) return NOTHING;
  const approved = flagCrs.filter(([c]) => c.state === "APPROVED");
  const [cr, i] = approved.length > 0 && r.chance(0.8) ? r.pick(approved) : r.pick(flagCrs);
  const who = r.chance(0.7) ? cr.requester : r.pick(ACTORS);
  const reasons = applyReasons(w, cr, who);
  const before = published(w, cr.flag!).config;
  let d;
  try {
    d = await applyFlagChange(w.people[who], cr.id, { ssm: w.aws.ssm, now: new Date(w.now), enqueue: false });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (reasons.length === 0) throw new Violation(`applying ${cr.number} by ${who} was refused although the oracle allows it: ${e.message}`);
    return NOTHING;
  }
  if (reasons.length > 0) throw new Violation(`applying ${cr.number} by ${who} was accepted although: ${reasons.join("; ")}`);
  const t = cr.flagTarget!;
  const to = { enabled: t.enabled, percentage: t.percentage, allowlist: t.allowlist };
  const steps = t.rollout.map((s) => ({ ...to, percentage: s.percentage }));
  w.deployments.push({
    id: d.id, kind: "FLAG_ROLLOUT", flag: cr.flag, configs: [before!, ...steps, to], service: cr.service, cr: i, from: "", to: "", weights: [],
    startSeq: w.journalSeq, startParamSeq: w.ssmSeq, at: w.now, state: d.state,
  });
  return (c, f, s) => (c === i && s === "DEPLOYING" ? null : NOTHING(c, f, s));
}

export async function kill(w: World, r: Rng): Promise<Allow> {
  const flag = r.int(w.flags.length);
  const f = w.flags[flag]!;
  const s = w.services[f.service]!;
  const last = w.deployments.filter((d) => d.kind === "FLAG_ROLLOUT" && d.flag === flag && d.state === "SUCCEEDED").at(-1);
  const requester = last?.cr != null ? w.crs[last.cr]!.requester : null;
  const who = r.chance(0.3) ? s.onCall : r.chance(0.3) && requester ? requester : r.pick(ACTORS);
  const reason = r.chance(0.9) ? "errors after the flag change" : " ";
  const reasons: string[] = [];
  if (!(has(who, "SRE") || has(who, "ADMIN") || (engineering(who) && (who === s.onCall || who === requester)))) reasons.push("not permitted");
  if (reason.trim() === "") reasons.push("no reason");
  if (published(w, flag).config?.enabled === false) reasons.push("already off");
  const open = w.deployments.find((d) => d.kind === "FLAG_ROLLOUT" && d.flag === flag && !TERMINAL.includes(d.state));
  const afterSeq = w.ssmSeq;
  try {
    await killFlag(w.people[who], { flagId: f.id, reason }, { ssm: w.aws.ssm });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (reasons.length === 0) throw new Violation(`the kill switch on ${f.name} by ${who} was refused although the oracle allows it: ${e.message}`);
    return NOTHING;
  }
  if (reasons.length > 0) throw new Violation(`the kill switch on ${f.name} by ${who} was accepted although: ${reasons.join("; ")}`);
  w.kills.push({ parameterName: f.parameterName, afterSeq });
  return (c, from, to) => (open && c === open.cr && from === "DEPLOYING" && to === "ROLLED_BACK" ? null : NOTHING(c, from, to));
}

export async function handEditFlag(w: World, r: Rng): Promise<Allow> {
  const f = w.flags[r.int(w.flags.length)]!;
  const value = JSON.stringify({ enabled: r.chance(0.5), percentage: r.pick([0, 30, 70]), whitelist: [], description: "edited in the console", createdAt: "2024-01-15T00:00:00Z", createdBy: "ops" });
  await w.sandbox.control.putParameter({ name: f.parameterName, value });
  return NOTHING;
}

export async function reconcileFlag(w: World, r: Rng): Promise<Allow> {
  const f = w.flags[r.int(w.flags.length)]!;
  await reconcile(w.people[r.pick(["sre", "admin", "eng1"] as PersonKey[])], { flagId: f.id, reason: "accept the console edit" });
  return NOTHING;
}
