// ECS rolling deployments as the live page draws them: the orchestrator records an ECS_PROGRESS
// event per tick (the PRIMARY deployment's task counts, the previous one's, the circuit breaker's
// failures); this reads them defensively, keeps one row per change of counts (the seed's
// "10 v1 + 1 v2 … 0 v1 + 10 v2" picture, as it actually happened) and says in words what ECS may do
// at once with the configured percentages.
import { rolloutLimits } from "./ecs-rollout";

export const ECS_PROGRESS_EVENT = "ECS_PROGRESS";

export interface EcsProgressPoint {
  at: string;
  newTaskDefinition: string;
  newRunning: number;
  newPending: number;
  newFailed: number;
  desired: number;
  rolloutState: string | null;
  oldTaskDefinition: string | null;
  oldRunning: number;
  failures: number;
  threshold: number | null;
  /** ECS's own service events carried on the tick, newest first (optional in the event data). */
  ecsEvents: { at: string | null; message: string }[];
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const count = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0);
const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/** One ECS_PROGRESS event's data; null when it has no primary deployment to show. */
export function readEcsProgress(at: string, data: unknown): EcsProgressPoint | null {
  const d = obj(data);
  const primary = obj(d.primary);
  const previous = obj(d.previous);
  const breaker = obj(d.circuitBreaker);
  const td = str(primary.taskDefinition);
  if (!td) return null;
  const events = Array.isArray(d.events) ? d.events : [];
  return {
    at,
    newTaskDefinition: shortTaskDefinition(td),
    newRunning: count(primary.running),
    newPending: count(primary.pending),
    newFailed: count(primary.failed),
    desired: count(primary.desired),
    rolloutState: str(primary.rolloutState),
    oldTaskDefinition: str(previous.taskDefinition) ? shortTaskDefinition(String(previous.taskDefinition)) : null,
    oldRunning: count(previous.running),
    failures: count(breaker.failures),
    threshold: typeof breaker.threshold === "number" ? breaker.threshold : null,
    // The orchestrator records ECS's event messages as strings; { createdAt, message } is read too.
    ecsEvents: events
      .map((e) => (typeof e === "string" ? { at: null, message: e } : { at: str(obj(e).createdAt) ?? str(obj(e).at), message: str(obj(e).message) ?? "" }))
      .filter((e) => e.message),
  };
}

/** "arn:…:task-definition/orders-api:3" → "orders-api:3". */
export function shortTaskDefinition(ref: string): string {
  const i = ref.indexOf("task-definition/");
  return i >= 0 ? ref.slice(i + "task-definition/".length) : ref;
}

const countsKey = (p: EcsProgressPoint) => [p.newTaskDefinition, p.newRunning, p.newPending, p.newFailed, p.oldRunning, p.failures, p.rolloutState].join("|");

/** Points in time order, keeping only those whose counts differ from the one before. */
export function distinctSteps(points: EcsProgressPoint[]): EcsProgressPoint[] {
  const out: EcsProgressPoint[] = [];
  for (const p of points) if (out.length === 0 || countsKey(out[out.length - 1]!) !== countsKey(p)) out.push(p);
  return out;
}

export interface EcsPaceText {
  maxTasks: number;
  minHealthy: number;
  /** Most new tasks ECS can have starting at one time. */
  atOnce: number;
  text: string;
}

/**
 * What ECS may do at once. New tasks are not healthy until they pass their checks, so while they
 * start at least minHealthy old tasks keep serving: at most maxTasks − minHealthy of the maxTasks
 * places are free for new ones (and never more than the desired count).
 */
export function describeEcsPace(c: { desiredCount: number; maximumPercent: number; minimumHealthyPercent: number }): EcsPaceText {
  const { maxTasks, minHealthy } = rolloutLimits(c);
  const atOnce = Math.max(0, Math.min(c.desiredCount, maxTasks - minHealthy));
  const tasks = (n: number) => `${n} task${n === 1 ? "" : "s"}`;
  const text =
    `At ${tasks(c.desiredCount)} desired, maximum ${c.maximumPercent} % allows ${tasks(maxTasks)} running or pending and minimum healthy ` +
    `${c.minimumHealthyPercent} % keeps ${minHealthy} healthy, so ECS starts up to ${tasks(atOnce)} of the new revision at once` +
    (atOnce === 1 ? " (one at a time, the seed's picture)." : ".");
  return { maxTasks, minHealthy, atOnce, text };
}
