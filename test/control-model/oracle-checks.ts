// What the oracle checks after every command, against the sandbox's journal of alias writes, the
// database's change and deployment rows and the audit trail:
// 1. every alias write through the Lambda API (and every ECS service update through the ECS API, and
//    every flag write through the SSM API) belongs to a deployment or rollback that the model saw
//    the portal accept (each judged justified when it was accepted), has a shape that deployment or
//    rollback writes, and never follows a hand change made after that deployment started;
// 2. every change's state moved only as the command allowed, and as the oracle's rules allow;
// 3. the audit trail's state changes form an unbroken chain ending at each change's state, and no
//    change was approved in the requester's name.
import { db } from "@/lib/db";
import { aliasKey, type ModelCr, type ModelDeployment, type World } from "./world";
import { describeFlag, parseParameterValue, sameConfig } from "@/lib/domain/flag-config";
import { TERMINAL } from "./oracle-rules";
import { serviceUpdates } from "@/lib/sandbox/ecs-store";

export class Violation extends Error {}
const fail = (m: string): never => {
  throw new Violation(m);
};

/** What one command may do to changes' states: (change index, from, to) → why not, or null when allowed. */
export type Allow = (cr: number, from: string, to: string) => string | null;
export const NOTHING: Allow = (cr, from, to) => `no command here moves ${from} → ${to}`;

export interface AliasNow {
  v: string;
  weights: Record<string, number>;
}

const sameWeights = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => Math.abs((b[k] ?? NaN) - v) < 1e-9);

function shapeAllowed(d: ModelDeployment, v: string, weights: Record<string, number>): boolean {
  if (d.kind === "ROLLBACK") return v === d.to && Object.keys(weights).length === 0;
  if (Object.keys(weights).length === 0) return v === d.to || v === d.from;
  const [[to, w]] = Object.entries(weights) as [[string, number]];
  return v === d.from && to === d.to && d.weights.some((x) => Math.abs(x - w) < 1e-9);
}

export function checkJournal(w: World): void {
  const live = w.live;
  for (const e of w.sandbox.store.aliasWrites) {
    if (e.seq <= w.journalSeq) continue;
    w.journalSeq = e.seq;
    const service = w.services.findIndex((s) => s.fn === e.functionName && s.alias === e.alias);
    if (service < 0) continue;
    const key = aliasKey(w.services[service]!);
    if (e.via === "control") {
      w.handWrites.set(key, [...(w.handWrites.get(key) ?? []), e.seq]);
    } else {
      const d = w.deployments.filter((x) => x.service === service).at(-1);
      if (!d) fail(`alias write #${e.seq} on ${key} (${e.functionVersion} ${JSON.stringify(e.weights)}) belongs to no deployment or rollback the portal accepted`);
      if (!shapeAllowed(d!, e.functionVersion, e.weights)) fail(`alias write #${e.seq} on ${key} (${e.functionVersion} ${JSON.stringify(e.weights)}) is not a shape ${d!.kind} ${d!.from}→${d!.to} writes`);
      if (d!.kind === "DEPLOY" && (w.handWrites.get(key) ?? []).some((h) => h > d!.startSeq && h < e.seq)) {
        fail(`alias write #${e.seq} on ${key} overwrote a hand change made after deployment ${d!.id} started`);
      }
      if (d!.endSeq !== undefined && e.seq > d!.endSeq) fail(`alias write #${e.seq} on ${key} by deployment ${d!.id}, which had already ended (${d!.state})`);
    }
    live.set(key, { v: e.functionVersion, weights: e.weights });
  }
}

/**
 * Every write to a flag's parameter through the SSM API belongs to a rollout the portal accepted (one
 * of the configurations it publishes, never after a hand change made since it started) or to a kill
 * switch it accepted (the flag off).
 */
export function checkParameterJournal(w: World): void {
  for (const e of w.sandbox.store.ssm.writes) {
    if (e.seq <= w.ssmSeq) continue;
    w.ssmSeq = e.seq;
    const flag = w.flags.findIndex((f) => f.parameterName === e.name);
    if (flag < 0) continue;
    if (e.via === "control") {
      w.handParamWrites.set(e.name, [...(w.handParamWrites.get(e.name) ?? []), e.seq]);
      continue;
    }
    const config = parseParameterValue(e.value) ?? fail(`write #${e.seq} to ${e.name} is not a flag: ${e.value}`);
    const kill = w.kills.find((k) => k.parameterName === e.name && k.afterSeq < e.seq);
    if (kill && !config.enabled) {
      w.kills.splice(w.kills.indexOf(kill), 1);
      continue;
    }
    const d = w.deployments.filter((x) => x.kind === "FLAG_ROLLOUT" && x.flag === flag).at(-1);
    if (!d) fail(`write #${e.seq} to ${e.name} (${describeFlag(config)}) belongs to no rollout or kill switch the portal accepted`);
    if (!d!.configs!.some((c) => sameConfig(c, config))) fail(`write #${e.seq} to ${e.name} (${describeFlag(config)}) is not a configuration rollout ${d!.id} publishes`);
    if (d!.endParamSeq !== undefined && e.seq > d!.endParamSeq) fail(`write #${e.seq} to ${e.name} by rollout ${d!.id}, which had already ended`);
    if ((w.handParamWrites.get(e.name) ?? []).some((h) => h > d!.startParamSeq! && h < e.seq)) fail(`write #${e.seq} to ${e.name} overwrote a hand change made after rollout ${d!.id} started`);
  }
}

/**
 * Every ECS update through the ECS API belongs to the service's last deployment or rollback the
 * portal accepted: a deployment puts on its target or back on what ran before (a gate breach), a
 * rollback its known-good revision; none after it ended, none over a hand update made since it
 * started. ECS's own circuit-breaker rollbacks are ECS's and make no update here.
 */
export function checkEcsJournal(w: World): void {
  for (const e of serviceUpdates(w.sandbox.store)) {
    if (e.seq <= w.ecsSeq) continue;
    w.ecsSeq = e.seq;
    const service = w.services.findIndex((s) => s.kind === "ECS" && s.fn === e.service && s.alias === e.cluster);
    if (service < 0) continue;
    const td = e.taskDefinition.slice(e.taskDefinition.lastIndexOf("/") + 1);
    const what = `ECS update #${e.seq} of ${e.cluster}/${e.service} to ${td}`;
    if (e.via === "control") {
      w.handEcsWrites.set(e.service, [...(w.handEcsWrites.get(e.service) ?? []), e.seq]);
      continue;
    }
    const d = w.deployments.filter((x) => x.service === service).at(-1) ?? fail(`${what} belongs to no deployment or rollback the portal accepted`);
    const allowed = d.kind === "ROLLBACK" ? [d.to] : [d.to, d.from];
    if (!allowed.includes(td)) fail(`${what} is not a revision ${d.kind} ${d.from}→${d.to} puts on`);
    if (d.endEcsSeq !== undefined && e.seq > d.endEcsSeq) fail(`${what} by ${d.kind} ${d.id}, which had already ended (${d.state})`);
    if ((w.handEcsWrites.get(e.service) ?? []).some((h) => h > d.startEcsSeq! && h < e.seq)) fail(`${what} overwrote a hand update made after ${d.kind} ${d.id} started`);
  }
}

/** Reads the deployments the model started and not yet saw end; returns those that ended now. */
export async function refreshDeployments(w: World): Promise<ModelDeployment[]> {
  const open = w.deployments.filter((d) => !TERMINAL.includes(d.state) && d.state !== "REVERTED");
  if (open.length === 0) return [];
  const rows = await db.deployment.findMany({ where: { id: { in: open.map((d) => d.id) } }, select: { id: true, state: true } });
  const ended: ModelDeployment[] = [];
  for (const r of rows) {
    const d = open.find((x) => x.id === r.id)!;
    if (TERMINAL.includes(r.state)) {
      ended.push(d);
      d.endSeq = w.sandbox.store.aliasWrites.at(-1)?.seq ?? 0;
      d.endParamSeq = w.sandbox.store.ssm.writes.at(-1)?.seq ?? 0;
      d.endEcsSeq = serviceUpdates(w.sandbox.store).at(-1)?.seq ?? 0;
    }
    d.state = r.state;
  }
  return ended;
}

const DEPLOY_END: Record<string, string> = { SUCCEEDED: "DEPLOYED", FAILED: "FAILED", ROLLED_BACK: "ROLLED_BACK" };

/** A change's deployment ended this command: its change may follow, to the matching state only. */
export const orchestratorAllows =
  (w: World, ended: readonly ModelDeployment[]): Allow =>
  (cr, from, to) => {
    const d = ended.find((x) => (x.kind === "DEPLOY" || x.kind === "FLAG_ROLLOUT") && x.cr === cr);
    if (d && from === "DEPLOYING" && DEPLOY_END[d.state] === to) return null;
    return `change ${w.crs[cr]!.number} moved ${from} → ${to} without a deployment of its ending that way`;
  };

export async function checkChanges(w: World, allow: Allow): Promise<void> {
  const active = w.crs.map((c, i) => [c, i] as const).filter(([c]) => !["CLOSED", "CANCELLED"].includes(c.state));
  if (active.length === 0) return;
  const rows = await db.changeRequest.findMany({ where: { id: { in: active.map(([c]) => c.id) } }, select: { id: true, state: true, version: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [c, i] of active) {
    const row = byId.get(c.id) ?? fail(`change ${c.number} disappeared`);
    if (row.state !== c.state) {
      const why = allow(i, c.state, row.state);
      if (why) fail(why);
      c.state = row.state;
    }
    c.version = row.version;
  }
}

type AuditRow = { id: bigint; action: string; crId: string | null; actorId: string | null; entityId: string; before: unknown; after: unknown };

export async function checkAudit(w: World): Promise<void> {
  const rows = await db.$queryRaw<AuditRow[]>`
    SELECT id, action, "crId", "actorId", "entityId", before, after FROM "AuditEvent" WHERE id > ${w.auditId} ORDER BY id`;
  const chain = new Map<string, string>();
  for (const r of rows) {
    w.auditId = r.id;
    const cr: ModelCr | undefined = r.crId ? w.crs.find((c) => c.id === r.crId) : undefined;
    if (r.action.startsWith("change.") && cr && r.before && r.after) {
      const before = (r.before as { state?: string }).state;
      const after = (r.after as { state?: string }).state;
      if (before && after) {
        const at = chain.get(cr.id) ?? cr.auditState;
        if (at !== undefined && at !== before) fail(`audit of ${cr.number}: ${r.action} starts from ${before}, but the trail was at ${at}`);
        chain.set(cr.id, after);
        if (r.action === "change.approve" && r.actorId === w.people[cr.requester].id) fail(`${cr.number} was approved in its requester's name`);
      }
    }
    if (r.action === "deployment.start" && !w.deployments.some((d) => d.id === r.entityId && d.kind !== "ROLLBACK")) fail(`audit names deployment ${r.entityId}, which the portal never accepted`);
    if (r.action === "deployment.manual-rollback" && !w.deployments.some((d) => d.id === r.entityId && d.kind === "ROLLBACK")) fail(`audit names rollback ${r.entityId}, which the portal never accepted`);
  }
  for (const [id, state] of chain) {
    const cr = w.crs.find((c) => c.id === id)!;
    if (state !== cr.state) fail(`audit of ${cr.number} ends at ${state}, the change is ${cr.state}`);
    cr.auditState = state;
  }
}

export { sameWeights };
