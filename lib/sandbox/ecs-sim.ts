// The ECS scheduler, simulated lazily: a service is advanced to "now" whenever it is read or
// changed, event by event (task starts, health checks, drains), so a frozen clock is a frozen
// rollout and advancing the clock replays exactly what would have happened meanwhile.
import { checkRolloutConfig, circuitBreakerThreshold, planRolloutStep, rolloutDone, type RolloutCounts } from "@/lib/domain/ecs-rollout";
import type { EcsDeployment, EcsService, EcsTask, EcsTaskFault } from "./ecs-types";

/** PENDING → RUNNING (image pull, container start). */
export const TASK_START_MS = 30_000;
/** Health checks need this long at least, even with a shorter grace period. */
export const HEALTH_CHECK_MS = 20_000;
/** Load-balancer deregistration delay before a stopped task is gone (AWS's default is 300 s). */
export const DRAIN_MS = 15_000;
const MAX_EVENTS = 100;
const MAX_TARGET_SNAPSHOTS = 2_000;
const MAX_ITERATIONS = 100_000;

export const FAILED_REASON = "ECS deployment circuit breaker: tasks failed to start.";

export type FaultAt = (taskDefinition: string, at: number) => EcsTaskFault | undefined;

export function primaryOf(s: EcsService): EcsDeployment {
  const p = s.deployments.find((d) => d.status === "PRIMARY");
  if (!p) throw new Error(`service ${s.name} has no PRIMARY deployment`);
  return p;
}

export function newDeploymentId(): string {
  let digits = "";
  for (const b of crypto.getRandomValues(new Uint8Array(19))) digits += String(b % 10);
  return `ecs-svc/${digits.replace(/^0/, "1")}`;
}

function newTaskId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

export function addEvent(s: EcsService, at: number, message: string): void {
  s.events.unshift({ id: crypto.randomUUID(), createdAt: at, message: `(service ${s.name}) ${message}` });
  if (s.events.length > MAX_EVENTS) s.events.length = MAX_EVENTS;
}

/** Runs the service's scheduler from where it stopped up to `until`. */
export function advanceService(s: EcsService, until: number, faultAt: FaultAt): void {
  let t = Math.max(s.advancedTo, s.createdAt);
  schedule(s, t, faultAt);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const next = Math.min(...s.tasks.map((k) => k.nextAt ?? Infinity));
    if (!(next <= until)) break;
    t = next;
    for (const task of s.tasks.filter((k) => k.nextAt !== null && k.nextAt <= t)) transition(s, task, t, faultAt);
    schedule(s, t, faultAt);
  }
  s.advancedTo = Math.max(s.advancedTo, until);
}

function transition(s: EcsService, task: EcsTask, t: number, faultAt: FaultAt): void {
  const fault = faultAt(task.taskDefinition, t);
  if (task.state === "DRAINING") return removeTask(s, task);
  if (task.state === "PENDING") {
    if (fault?.startFailure) {
      removeTask(s, task);
      addEvent(s, t, `(task ${task.id}) failed to start: essential container in task exited (injected by the sandbox).`);
      return taskFailed(s, task, t);
    }
    task.state = "RUNNING";
    task.failing = fault?.healthCheckFailure === true;
    task.nextAt = t + Math.max(s.healthCheckGracePeriodSeconds * 1000, HEALTH_CHECK_MS);
    return;
  }
  if (task.state === "RUNNING") {
    if (task.failing) {
      removeTask(s, task);
      addEvent(s, t, `(task ${task.id}) failed ELB health checks in (target-group ${s.targetGroup}).`);
      return taskFailed(s, task, t);
    }
    task.state = "HEALTHY";
    task.nextAt = null;
  }
}

function removeTask(s: EcsService, task: EcsTask): void {
  s.tasks = s.tasks.filter((k) => k !== task);
}

function taskFailed(s: EcsService, task: EcsTask, t: number): void {
  const dep = s.deployments.find((d) => d.id === task.deploymentId);
  if (!dep) return;
  dep.failedTasks++;
  dep.updatedAt = t;
  const cb = s.deploymentConfiguration.deploymentCircuitBreaker;
  if (dep.status !== "PRIMARY" || dep.rolloutState !== "IN_PROGRESS" || !cb.enable) return;
  if (dep.failedTasks < circuitBreakerThreshold(dep.desiredCount)) return;
  dep.rolloutState = "FAILED";
  dep.rolloutStateReason = FAILED_REASON;
  addEvent(s, t, `(deployment ${dep.id}) deployment failed: tasks failed to start.`);
  if (!cb.rollback || !s.lastCompleted) return;
  const back = s.lastCompleted;
  dep.status = "ACTIVE";
  s.deployments.unshift({
    id: newDeploymentId(),
    status: "PRIMARY",
    taskDefinition: back.taskDefinition,
    desiredCount: s.desiredCount,
    failedTasks: 0,
    rolloutState: "IN_PROGRESS",
    rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${back.deploymentId}.`,
    createdAt: t,
    updatedAt: t,
  });
  addEvent(s, t, `rolling back to deployment ${back.deploymentId}.`);
}

export function rolloutCounts(s: EcsService): RolloutCounts {
  const primary = primaryOf(s);
  const n: RolloutCounts = { desiredCount: s.desiredCount, oldHealthy: 0, oldOther: 0, newStarting: 0, newHealthy: 0 };
  for (const k of s.tasks) {
    const mine = k.deploymentId === primary.id && k.state !== "DRAINING";
    if (mine) {
      if (k.state === "HEALTHY") n.newHealthy++;
      else n.newStarting++;
    } else if (k.state === "HEALTHY") n.oldHealthy++;
    else n.oldOther++;
  }
  return n;
}

/** One scheduler pass at time t: drain, launch, complete. */
function schedule(s: EcsService, t: number, faultAt: FaultAt): void {
  const primary = primaryOf(s);
  // Tasks of older deployments that never became healthy only hold room: stop them outright.
  s.tasks = s.tasks.filter((k) => k.deploymentId === primary.id || k.state === "HEALTHY" || k.state === "DRAINING");
  const cfg = { desiredCount: s.desiredCount, ...s.deploymentConfiguration };
  const n = rolloutCounts(s);
  // A FAILED deployment without rollback launches nothing more; ECS leaves the old tasks running.
  const frozen = primary.rolloutState === "FAILED";
  const step = frozen ? { start: 0, stop: 0 } : planRolloutStep(cfg, n, false);
  const drain = (k: EcsTask) => {
    k.state = "DRAINING";
    k.nextAt = t + DRAIN_MS;
  };
  s.tasks.filter((k) => k.deploymentId !== primary.id && k.state === "HEALTHY").slice(0, step.stop).forEach(drain);
  // Scaled in: surplus tasks of the current deployment drain too.
  if (!frozen && n.newHealthy > s.desiredCount) {
    s.tasks.filter((k) => k.deploymentId === primary.id && k.state === "HEALTHY").slice(0, n.newHealthy - s.desiredCount).forEach(drain);
  }
  const started: string[] = [];
  for (let i = 0; i < step.start; i++) {
    const id = newTaskId();
    s.tasks.push({ id, deploymentId: primary.id, taskDefinition: primary.taskDefinition, state: "PENDING", nextAt: t + TASK_START_MS });
    started.push(id);
  }
  if (started.length > 0) addEvent(s, t, `has started ${started.length} tasks: ${started.map((id) => `(task ${id})`).join(" ")}.`);
  if (step.stop > 0) addEvent(s, t, `has begun draining connections on ${step.stop} tasks.`);

  const after = rolloutCounts(s);
  if (primary.rolloutState === "IN_PROGRESS" && rolloutDone(cfg, after)) {
    primary.rolloutState = "COMPLETED";
    primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
    primary.updatedAt = t;
    s.deployments = [primary];
    s.lastCompleted = { deploymentId: primary.id, taskDefinition: primary.taskDefinition };
    addEvent(s, t, `(deployment ${primary.id}) deployment completed.`);
    addEvent(s, t, "has reached a steady state.");
  } else if (!frozen && step.start === 0 && step.stop === 0 && !primary.stuckReported && !s.tasks.some((k) => k.nextAt !== null)) {
    if (primary.rolloutState === "IN_PROGRESS" && !rolloutDone(cfg, after)) {
      primary.stuckReported = true;
      const why = checkRolloutConfig(cfg)[0]?.message ?? "";
      addEvent(s, t, `was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again. ${why}`.trim());
    }
  }
  recordTargets(s, t);
}

/** A new snapshot of the targets whenever they changed (several changes at one instant: the last holds). */
function recordTargets(s: EcsService, t: number): void {
  const healthy: Record<string, number> = {};
  let unhealthy = 0;
  for (const k of s.tasks) {
    if (k.state === "HEALTHY") healthy[k.taskDefinition] = (healthy[k.taskDefinition] ?? 0) + 1;
    else if (k.state === "RUNNING" && k.failing) unhealthy++;
  }
  const last = s.targets.at(-1);
  if (last && JSON.stringify(last.healthy) === JSON.stringify(healthy) && last.unhealthy === unhealthy) return;
  const snap = { at: t, healthy, unhealthy };
  if (last && last.at === t) s.targets[s.targets.length - 1] = snap;
  else s.targets.push(snap);
  if (s.targets.length > MAX_TARGET_SNAPSHOTS) s.targets.splice(0, s.targets.length - MAX_TARGET_SNAPSHOTS);
}

/** Counts per deployment, as DescribeServices reports them (draining tasks still run). */
export function deploymentCounts(s: EcsService, d: EcsDeployment): { runningCount: number; pendingCount: number } {
  let runningCount = 0;
  let pendingCount = 0;
  for (const k of s.tasks) {
    if (k.deploymentId !== d.id) continue;
    if (k.state === "PENDING") pendingCount++;
    else runningCount++;
  }
  return { runningCount, pendingCount };
}
