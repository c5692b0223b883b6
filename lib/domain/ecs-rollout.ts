// ECS rolling-update arithmetic (deployment type ECS), as AWS documents it:
// - maximumPercent caps RUNNING + PENDING tasks at desired × max% ROUNDED DOWN;
// - minimumHealthyPercent keeps desired × min% ROUNDED UP tasks healthy;
// - the circuit breaker fails a deployment once its failed tasks reach ceil(0.5 × desired),
//   at least 3 and at most 200 (the BOUNDED_PERCENT default of thresholdConfiguration).
// Pure: the sandbox simulates ECS with planRolloutStep, the orchestrator checks configurations
// before it asks ECS for a deployment that could never make progress.

export interface RolloutConfig {
  desiredCount: number;
  maximumPercent: number;
  minimumHealthyPercent: number;
}

export interface RolloutLimits {
  /** Most tasks that may be RUNNING or PENDING at once (rounded down). */
  maxTasks: number;
  /** Fewest tasks that must stay healthy (rounded up). */
  minHealthy: number;
}

/** Integer percentages without float error: 10 × 150 % is exactly 15. */
export function rolloutLimits(c: RolloutConfig): RolloutLimits {
  return {
    maxTasks: Math.floor((c.desiredCount * c.maximumPercent) / 100),
    minHealthy: Math.ceil((c.desiredCount * c.minimumHealthyPercent) / 100),
  };
}

export type ThresholdType = "BOUNDED_PERCENT" | "UNBOUNDED_PERCENT" | "COUNT";
export const CIRCUIT_BREAKER_MIN_THRESHOLD = 3;
export const CIRCUIT_BREAKER_MAX_THRESHOLD = 200;

/** Failed tasks at which the circuit breaker fails a deployment. */
export function circuitBreakerThreshold(desiredCount: number, config: { type: ThresholdType; value: number } = { type: "BOUNDED_PERCENT", value: 50 }): number {
  if (config.type === "COUNT") return Math.max(1, Math.floor(config.value));
  const raw = Math.ceil((desiredCount * config.value) / 100);
  if (config.type === "UNBOUNDED_PERCENT") return Math.max(1, raw);
  return Math.min(CIRCUIT_BREAKER_MAX_THRESHOLD, Math.max(CIRCUIT_BREAKER_MIN_THRESHOLD, raw));
}

export interface ConfigProblem {
  field: "desiredCount" | "maximumPercent" | "minimumHealthyPercent";
  /** "refused": ECS would reject it; "stuck": ECS accepts it but the deployment can never move. */
  kind: "refused" | "stuck";
  message: string;
}

/** Everything wrong with a rolling-update configuration, in words a deployer can act on. */
export function checkRolloutConfig(c: RolloutConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const int = (field: ConfigProblem["field"], v: number, label: string) => {
    if (!Number.isInteger(v) || v < 0) out.push({ field, kind: "refused", message: `${label} must be a whole number of at least 0 (got ${v}).` });
  };
  int("desiredCount", c.desiredCount, "desiredCount");
  int("maximumPercent", c.maximumPercent, "maximumPercent");
  int("minimumHealthyPercent", c.minimumHealthyPercent, "minimumHealthyPercent");
  if (out.length > 0) return out;
  if (c.minimumHealthyPercent > 100) {
    out.push({ field: "minimumHealthyPercent", kind: "refused", message: `minimumHealthyPercent is a share of the desired count and cannot exceed 100 (got ${c.minimumHealthyPercent}).` });
  }
  if (c.minimumHealthyPercent > c.maximumPercent) {
    out.push({
      field: "minimumHealthyPercent",
      kind: "refused",
      message: `minimumHealthyPercent (${c.minimumHealthyPercent}) is above maximumPercent (${c.maximumPercent}): more tasks would have to stay healthy than may run.`,
    });
  }
  if (out.length > 0 || c.desiredCount === 0) return out;
  const { maxTasks, minHealthy } = rolloutLimits(c);
  if (maxTasks - minHealthy < 1) {
    out.push({
      field: maxTasks <= c.desiredCount ? "maximumPercent" : "minimumHealthyPercent",
      kind: "stuck",
      message:
        `At ${c.desiredCount} desired tasks, maximumPercent ${c.maximumPercent} allows ${maxTasks} task(s) (rounded down) and minimumHealthyPercent ` +
        `${c.minimumHealthyPercent} keeps ${minHealthy} healthy (rounded up), so ECS could neither start a new task nor stop an old one. ` +
        `Raise maximumPercent or lower minimumHealthyPercent.`,
    });
  }
  return out;
}

/** Tasks of one service during a rollout, from the scheduler's point of view. */
export interface RolloutCounts {
  desiredCount: number;
  /** Tasks of older deployments that are running and healthy. */
  oldHealthy: number;
  /** Tasks of older deployments still counted against maximumPercent (pending, unhealthy, draining). */
  oldOther: number;
  /** New-deployment tasks PENDING or RUNNING but not yet healthy. */
  newStarting: number;
  newHealthy: number;
}

export interface RolloutStep {
  /** New tasks to launch now. */
  start: number;
  /** Healthy old tasks to stop (drain) now. */
  stop: number;
}

/**
 * One scheduling decision: stop old tasks only where new healthy ones replace them or where room
 * under maximumPercent is needed, never below minimumHealthyPercent; then start as many new tasks
 * as the room and the desired count allow. With `stopsFreeRoomAtOnce` false (a real scheduler,
 * where a stopped task keeps RUNNING while its connections drain) the room freed by this step's
 * stops is only used by a later step.
 */
export function planRolloutStep(c: RolloutConfig, n: RolloutCounts, stopsFreeRoomAtOnce = true): RolloutStep {
  const { maxTasks, minHealthy } = rolloutLimits(c);
  const newAll = n.newStarting + n.newHealthy;
  const healthy = n.oldHealthy + n.newHealthy;
  const total = n.oldHealthy + n.oldOther + newAll;
  const newNeeded = Math.max(0, c.desiredCount - newAll);
  const surplus = healthy - c.desiredCount;
  const roomShort = newNeeded - Math.max(0, maxTasks - total);
  const stop = Math.max(0, Math.min(n.oldHealthy, healthy - minHealthy, Math.max(surplus, roomShort)));
  const start = Math.max(0, Math.min(newNeeded, maxTasks - (stopsFreeRoomAtOnce ? total - stop : total)));
  return { start, stop };
}

/** A rollout is done when the desired count of new tasks is healthy and no old task is left. */
export function rolloutDone(c: RolloutConfig, n: RolloutCounts): boolean {
  return n.newHealthy >= c.desiredCount && n.oldHealthy === 0 && n.oldOther === 0 && n.newStarting === 0;
}

export interface SimulatedRollout {
  /** Counts after each step (tasks started in a step become healthy or fail before the next). */
  steps: (RolloutCounts & RolloutStep)[];
  completed: boolean;
  failed: boolean;
  failures: number;
}

/**
 * A whole rollout in lock steps, for tests and previews: `fails(k)` says whether the k-th new task
 * (0-based) fails. Stops at completion, at the circuit-breaker threshold (when `circuitBreaker`),
 * or when a step can change nothing.
 */
export function simulateRollout(c: RolloutConfig, fails: (k: number) => boolean = () => false, circuitBreaker = true, maxSteps = 10_000): SimulatedRollout {
  let n: RolloutCounts = { desiredCount: c.desiredCount, oldHealthy: c.desiredCount, oldOther: 0, newStarting: 0, newHealthy: 0 };
  const steps: SimulatedRollout["steps"] = [];
  const threshold = circuitBreakerThreshold(c.desiredCount);
  let launched = 0;
  let failures = 0;
  for (let i = 0; i < maxSteps; i++) {
    if (rolloutDone(c, n)) return { steps, completed: true, failed: false, failures };
    const step = planRolloutStep(c, n);
    if (step.start === 0 && step.stop === 0) break;
    n = { ...n, oldHealthy: n.oldHealthy - step.stop, newStarting: n.newStarting + step.start };
    steps.push({ ...n, ...step });
    // The tasks started settle before the next decision; the breaker trips on the failure that
    // reaches the threshold, so the rest of that wave is stopped unjudged.
    let ok = 0;
    for (let k = 0; k < n.newStarting; k++) {
      if (fails(launched++)) failures++;
      else ok++;
      if (circuitBreaker && failures >= threshold) return { steps, completed: false, failed: true, failures };
    }
    n = { ...n, newStarting: 0, newHealthy: n.newHealthy + ok };
  }
  return { steps, completed: rolloutDone(c, n), failed: false, failures };
}
