// Commands on production and its surroundings: deploy, drive the orchestrator, pause/resume/promote/
// abort, roll back to any version, change an alias by hand, publish or push code, inject faults,
// declare freezes, change the policy, move the clock. A write the portal accepts is judged by the
// oracle's rules at once; a refusal the oracle cannot explain is a failure too.
import { advanceDeployment } from "@/lib/deploy/advance";
import { DEFAULT_POLICY, type Policy } from "@/lib/domain/policy";
import { controlDeployment } from "@/lib/server/deployment-controls";
import { createFreezeWindow } from "@/lib/server/freeze-windows";
import { savePolicy } from "@/lib/server/policy-store";
import { rollbackAlias } from "@/lib/server/rollback-alias";
import { startDeployment, startDeploymentFromCi } from "@/lib/server/start-deployment";
import { AppError } from "@/lib/errors";
import { DateTime } from "luxon";
import { NOTHING, orchestratorAllows, refreshDeployments, Violation, type Allow } from "./oracle-checks";
import { currentDeployment, deployReasons, rollbackReasons, TERMINAL } from "./oracle-rules";
import { pickCr } from "./commands-change";
import type { Rng } from "./rng";
import { liveOf, versionsOf, type ModelCr, type PersonKey, type World } from "./world";
import { serviceUpdates } from "@/lib/sandbox/ecs-store";

const ACTORS: PersonKey[] = ["eng1", "eng2", "lead", "sre", "admin", "product", "sreCab", "cto"];
const running = (w: World) => w.deployments.filter((d) => !TERMINAL.includes(d.state) && d.state !== "REVERTED");

/** Runs a call the oracle expects to be refused (`reasons`) or allowed; a disagreement either way fails. */
async function judged<T>(what: string, reasons: string[], call: () => Promise<T>): Promise<T | null> {
  try {
    const out = await call();
    if (reasons.length > 0) throw new Violation(`${what} was accepted although: ${reasons.join("; ")}`);
    return out;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (reasons.length === 0) throw new Violation(`${what} was refused although the oracle allows it: ${e.message}`);
    return null;
  }
}

export async function deploy(w: World, r: Rng): Promise<Allow> {
  // Often one the oracle finds ready, so deployments happen; otherwise anything.
  const ready = w.crs.map((c, i) => [c, i] as const).filter(([c]) => deployReasons(w, c, c.requester).length === 0);
  const picked = ready.length > 0 && r.chance(0.7) ? ([...r.pick(ready)] as [ModelCr, number]) : pickCr(w, r, ["APPROVED", "SUBMITTED"]);
  if (!picked) return NOTHING;
  const [cr, i] = picked;
  // Sometimes the pipeline deploys (POST /api/v1/changes/{ref}/deploy's service) with its token.
  const who = r.chance(0.15) ? "ci" : r.chance(0.7) ? cr.requester : r.pick(ACTORS);
  const live = await liveOf(w, cr.service);
  const reasons = deployReasons(w, cr, who);
  if (Object.keys(live.weights).length > 0) reasons.push("alias splitting traffic");
  else if (live.v === cr.targetVersion) reasons.push("alias already serves the target");
  const opts = { lambda: w.aws.lambda, ecs: w.aws.ecs, now: new Date(w.now), enqueue: false };
  const d = await judged(`deploying ${cr.number} by ${who}`, reasons, () => (who === "ci" ? startDeploymentFromCi(w.token, cr.number, opts) : startDeployment(w.people[who], cr.id, opts)));
  if (!d) return NOTHING;
  const weights = (d.plan as { weight: number }[]).map((s) => s.weight);
  w.deployments.push({ id: d.id, kind: "DEPLOY", service: cr.service, cr: i, from: d.fromVersion, to: d.toVersion, weights, startSeq: w.journalSeq, startEcsSeq: ecsJournalEnd(w), at: w.now, state: d.state });
  return (c, f, t) => (c === i && t === "DEPLOYING" ? null : NOTHING(c, f, t));
}

export async function tick(w: World, r: Rng): Promise<Allow> {
  const open = running(w);
  if (open.length === 0) return NOTHING;
  const d = r.pick(open);
  for (let n = 1 + r.int(4); n > 0; n--) await advanceDeployment(w.deps, d.id);
  return orchestratorAllows(w, await refreshDeployments(w));
}

export async function control(w: World, r: Rng): Promise<Allow> {
  const open = running(w).filter((d) => d.kind === "DEPLOY");
  if (open.length === 0) return NOTHING;
  const d = r.pick(open);
  const who = r.pick(ACTORS);
  const what = r.pick(["pause", "resume", "promote", "abort"] as const);
  const cr = w.crs[d.cr!]!;
  const own = who === cr.requester;
  const permitted = what === "promote" ? own || ["sre", "sreCab"].includes(who) : own || ["eng1", "eng2", "lead", "sre", "sreCab", "admin"].includes(who);
  try {
    await controlDeployment(w.people[who], d.id, what, { enqueue: false });
  } catch (e) {
    if (e instanceof AppError) return NOTHING;
    throw e;
  }
  if (!permitted) throw new Violation(`${who} could ${what} ${cr.number}'s deployment`);
  if (w.services[d.service]!.kind === "ECS" && (what === "pause" || what === "resume")) throw new Violation(`${who} could ${what} ${cr.number}'s ECS rolling update, which ECS cannot pause`);
  return NOTHING;
}

export async function rollback(w: World, r: Rng): Promise<Allow> {
  const service = r.int(3);
  const s = w.services[service]!;
  const live = await liveOf(w, service);
  const current = currentDeployment(w, service, live.v);
  const who = r.chance(0.4) && current?.cr != null ? w.crs[current.cr]!.requester : r.chance(0.3) ? s.onCall : r.pick(ACTORS);
  const target = s.kind === "ECS" ? `${s.fn}:${1 + r.int(5)}` : String(1 + r.int(8));
  const reason = r.chance(0.9) ? "errors after the change" : " ";
  const reasons = rollbackReasons(w, service, who, target, reason, live);
  if (!versionsOf(w, service).includes(target)) reasons.push("no such version");
  // Typed to confirm: the alias, or an ECS service's own name.
  const input = { serviceId: s.id, targetVersion: target, confirmAlias: s.kind === "ECS" ? s.fn : s.alias, reason };
  const done = await judged(`rolling ${s.fn} back to ${target} by ${who}`, reasons, () => rollbackAlias(w.people[who], input, { lambda: w.aws.lambda, ecs: w.aws.ecs }));
  if (!done) return NOTHING;
  // Open until the next read of its row says how it ended (then its writes are over).
  w.deployments.push({ id: done.id, kind: "ROLLBACK", service, cr: null, from: live.v, to: target, weights: [1], startSeq: w.journalSeq, startEcsSeq: ecsJournalEnd(w), at: w.now, state: "SHIFTING" });
  if (current) current.state = "REVERTED";
  return (c, f, t) => (current && c === current.cr && f === "DEPLOYED" && t === "ROLLED_BACK" ? null : NOTHING(c, f, t));
}

export const ecsJournalEnd = (w: World) => serviceUpdates(w.sandbox.store).at(-1)?.seq ?? 0;

export async function handChange(w: World, r: Rng): Promise<Allow> {
  const s = w.services[r.int(3)]!;
  if (s.kind === "ECS") {
    // Someone runs update-service in the console: another revision, or the same one forced again.
    await w.sandbox.control.ecs.updateService(s.alias, s.fn, { taskDefinition: r.pick(versionsOf(w, 2)), forceNewDeployment: true });
    return NOTHING;
  }
  const versions = w.sandbox.store.state.functions[s.fn]!.versions.map((v) => v.version);
  const primary = r.pick(versions);
  const other = r.pick(versions.filter((v) => v !== primary));
  await w.sandbox.control.putAlias(s.fn, s.alias, { functionVersion: primary, weights: r.chance(0.4) && other ? { [other]: r.pick([0.1, 0.5]) } : {} });
  return NOTHING;
}

export async function publish(w: World, r: Rng): Promise<Allow> {
  const s = w.services[r.int(3)]!;
  if (s.kind === "ECS") {
    if (versionsOf(w, 2).length < 7) await w.sandbox.control.ecs.registerTaskDefinition({ family: s.fn });
    return NOTHING;
  }
  if (w.sandbox.store.state.functions[s.fn]!.versions.length >= 9 && r.chance(0.8)) return NOTHING;
  // publish: false is new code pushed to $LATEST only, which no change may target.
  await w.sandbox.control.newVersion(s.fn, { publish: r.chance(0.5), description: "pushed by hand" });
  return NOTHING;
}

export async function fault(w: World, r: Rng): Promise<Allow> {
  const s = w.services[r.int(3)]!;
  if (s.kind === "ECS") {
    // Tasks that serve errors (the gates' business) or never start (the circuit breaker's), or healthy again.
    const td = `${s.fn}:${2 + r.int(4)}`;
    if (!versionsOf(w, 2).includes(td)) return NOTHING;
    const roll = r.next();
    if (roll < 0.35) await w.sandbox.control.ecs.injectTaskFault(td, { errorRate: 0.3 });
    else if (roll < 0.6) await w.sandbox.control.ecs.injectTaskFault(td, { startFailure: true });
    else await w.sandbox.control.ecs.clearTaskFault(td);
    return NOTHING;
  }
  const version = String(2 + r.int(6));
  if (!w.sandbox.store.state.functions[s.fn]!.versions.some((v) => v.version === version)) return NOTHING;
  if (r.chance(0.5)) await w.sandbox.control.injectFault(s.fn, version, { errorRate: 0.3 });
  else await w.sandbox.control.clearFault(s.fn, version);
  return NOTHING;
}

export async function freeze(w: World, r: Rng): Promise<Allow> {
  const startsAt = w.now + (r.int(48) - 2) * 3_600_000;
  const endsAt = startsAt + (1 + r.int(8)) * 3_600_000;
  const fmt = (ms: number) => DateTime.fromMillis(ms, { zone: "UTC" }).toFormat("yyyy-MM-dd'T'HH:mm");
  await createFreezeWindow(w.people.admin, { name: "Model freeze", reason: "", startsAt: fmt(startsAt), endsAt: fmt(endsAt), timeZone: "UTC" });
  w.freezes.push({ startsAt: Math.floor(startsAt / 60_000) * 60_000, endsAt: Math.floor(endsAt / 60_000) * 60_000 });
  return NOTHING;
}

export async function changePolicy(w: World, r: Rng): Promise<Allow> {
  const quorum = 1 + r.int(3);
  const p: Policy = structuredClone(DEFAULT_POLICY);
  p.cab.quorum = quorum;
  p.cab.distinctSeats = Math.min(quorum, 1 + r.int(2));
  p.cab.outOfMeeting = { allowed: r.chance(0.8), approvals: quorum + r.int(2) };
  p.cab.rejectionsToReject = 1 + r.int(2);
  p.rules.MEDIUM.selfReportedGates = r.chance(0.3);
  p.onCall.confirmationValidHours = 1 + r.int(12);
  await savePolicy(w.people.admin, p, "model run: a new policy");
  w.policy = p;
  return NOTHING;
}

/** Time passes: minutes mostly, sometimes most of a day, sometimes to the next meeting's slot. */
export async function clock(w: World, r: Rng): Promise<Allow> {
  const upcoming = [...w.meetings.values()].filter((m) => m.startsAt > w.now).sort((a, b) => a.startsAt - b.startsAt)[0];
  let ms = r.chance(0.7) ? (1 + r.int(20)) * 60_000 : r.chance(0.7) ? (1 + r.int(12)) * 3_600_000 : upcoming ? upcoming.startsAt - w.now + r.int(20) * 60_000 : 3_600_000;
  ms = Math.max(1_000, ms);
  w.now += ms;
  await w.sandbox.control.advance(ms / 1000);
  return NOTHING;
}
