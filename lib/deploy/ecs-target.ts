// An ECS service as a rollout target. Changegate writes once — UpdateService to the new task
// definition with the configured maximum/minimum percent and circuit breaker, carrying the PRIMARY
// deployment it read — and then follows ECS's own rollout, never fighting it: the gates watch the
// service's target group meanwhile; a breach rolls back by one more UpdateService to the task
// definition that was running; a circuit-breaker failure is ECS's, shown as such (and when ECS did
// not roll back itself, Changegate does).
import { parseTaskDefinition, type EcsServiceState } from "@/lib/aws";
import { circuitBreakerThreshold } from "@/lib/domain/ecs-rollout";
import type { LoadedDeployment } from "./store";
import type { PlatformRollout, RolloutTarget, TargetReading } from "./rollout-target";
import type { DeployDeps } from "./types";

const short = (td: string) => {
  const { family, revision } = parseTaskDefinition(td);
  return revision === null ? family : `${family}:${revision}`;
};

interface EcsConfig {
  maximumPercent: number;
  minimumHealthyPercent: number;
  circuitBreaker: { enable: boolean; rollback: boolean };
}

export function ecsTarget(deps: DeployDeps, d: LoadedDeployment): RolloutTarget {
  if (!deps.ecs) throw new Error(`ECS deployment ${d.id} needs an ECS gateway`);
  const ecs = deps.ecs;
  const cluster = d.alias;
  const service = d.functionName;
  const config = (d.service.ecsConfig ?? undefined) as EcsConfig | undefined;
  const recorded = d.aliasRevisionId?.replace(/^pending:/, "") ?? null;
  let last: EcsServiceState | null = null;

  const reading = (s: EcsServiceState): TargetReading => {
    last = s;
    const td = short(s.primary.taskDefinition);
    const weight = td === d.toVersion ? 1 : td === d.fromVersion ? 0 : null;
    // ECS's circuit breaker rolled our deployment back: the old task definition is PRIMARY again,
    // under a deployment of ECS's own, and ours is FAILED. That is ECS acting on our write, not a stranger.
    const ours = recorded ? s.deployments.find((x) => x.id === recorded) : undefined;
    // (Its reason without a closing full stop: the timeline adds what ECS went back to.)
    const undone = weight === 0 && ours?.rolloutState === "FAILED" && short(ours.taskDefinition) === d.toVersion ? (ours.rolloutStateReason || "ECS deployment circuit breaker").replace(/[.\s]+$/, "") : undefined;
    return {
      revision: undone ? recorded! : s.primary.id,
      weight,
      holds: (w) => weight === w,
      describe: `task definition ${td} (${s.primary.rolloutState?.toLowerCase().replace("_", " ") ?? "no rollout"}, ${s.primary.runningCount}/${s.primary.desiredCount} running)`,
      ...(undone ? { undoneByPlatform: undone } : {}),
    };
  };

  return {
    name: `ECS service ${cluster}/${service}`,
    watched: "target group",
    read: async () => reading(await ecs.describeService(cluster, service)),
    async write(weight, over) {
      const s = await ecs.updateService(cluster, service, {
        taskDefinition: weight >= 1 ? d.toVersion : d.fromVersion,
        ...(config ? { deploymentConfiguration: config } : {}),
        expectedPrimaryDeploymentId: over.revision,
      });
      last = s;
      return s.primary.id;
    },
    gateVersion: () => undefined,
    hooks: false,
    describeWeight: (w) => (w >= 1 ? `task definition ${d.toVersion} rolled out` : `task definition ${d.fromVersion}`),
    describeWrite: (w) => `Asked ECS to roll out task definition ${w >= 1 ? d.toVersion : d.fromVersion}${config ? ` (maximum ${config.maximumPercent} %, minimum healthy ${config.minimumHealthyPercent} %)` : ""}; ECS replaces the tasks`,
    before: `task definition ${d.fromVersion}`,
    readings: (q) =>
      d.service.targetGroup
        ? deps.metrics.getTargetGroupReadings({ targetGroup: d.service.targetGroup, from: q.from, to: q.to, periodSeconds: q.periodSeconds })
        : Promise.resolve([]),
    async rollout(): Promise<PlatformRollout> {
      const s = last ?? (await ecs.describeService(cluster, service));
      const p = s.primary;
      const previous = s.deployments.find((x) => x.id !== p.id && x.runningCount > 0);
      const threshold = circuitBreakerThreshold(p.desiredCount);
      const state = p.rolloutState ?? "IN_PROGRESS";
      return {
        state,
        message: `${short(p.taskDefinition)}: ${p.runningCount} running, ${p.pendingCount} pending, ${p.failedTasks} failed of ${p.desiredCount}${previous ? `; ${short(previous.taskDefinition)}: ${previous.runningCount} running` : ""}${state === "FAILED" ? ` — ${p.rolloutStateReason}` : ""}`,
        data: {
          primary: { taskDefinition: short(p.taskDefinition), running: p.runningCount, pending: p.pendingCount, failed: p.failedTasks, desired: p.desiredCount, rolloutState: state },
          previous: previous ? { taskDefinition: short(previous.taskDefinition), running: previous.runningCount } : null,
          circuitBreaker: { failures: p.failedTasks, threshold, enabled: s.deploymentConfiguration.circuitBreaker.enable },
          events: s.events.slice(0, 3).map((e) => e.message),
        },
      };
    },
  };
}
