import "server-only";
// What the live deployment view polls: the row, the plan, the gate readings and the timeline, plus
// the orchestrator's clock (simulated in the sandbox) so "next step in" counts down in real seconds.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { describeFlag } from "@/lib/domain/flag-config";
import { describeEcsPace, distinctSteps, ECS_PROGRESS_EVENT, readEcsProgress } from "@/lib/domain/ecs-progress";
import { readEcsConfig } from "@/lib/domain/ecs-service-config";
import { clockFromEnv } from "@/lib/deploy";
import { AppError } from "@/lib/errors";
import type { LiveDeployment } from "@/lib/schemas/deployment";
import { assertTokenScope, type CiToken } from "./api-tokens";
import { decideControl } from "./deployment-controls";
import { TERMINAL_DEPLOYMENT_STATES } from "@/lib/domain/vocabulary";

export type { LiveDeployment };

/** `viewer`: a person (the page), or a pipeline's CI token scoped to the deployment's service (which controls nothing). */
export async function getLiveDeployment(viewer: Actor | CiToken, id: string): Promise<LiveDeployment> {
  const d = await db.deployment.findUnique({
    where: { id },
    include: {
      // ECS_PROGRESS is recorded per orchestrator tick: read apart, so it never crowds out the timeline.
      events: { where: { kind: { not: ECS_PROGRESS_EVENT } }, orderBy: { id: "asc" }, take: 500 },
      // Two scopes while traffic is split (new and old version): two hours of minute periods each.
      readings: { orderBy: { at: "desc" }, take: 240 },
      flag: { select: { id: true, name: true, enabled: true, percentage: true, allowlist: true } },
      service: { select: { kind: true, ecsConfig: true } },
    },
  });
  if (!d) throw new AppError("NOT_FOUND", "Deployment not found.");
  const actor = "serviceIds" in viewer ? null : viewer;
  if (!actor) assertTokenScope(viewer as CiToken, d.serviceId);
  const ecs = d.service.kind === "ECS" ? await ecsView(d.id, d.alias, d.functionName, d.service.ecsConfig) : null;
  const active = !TERMINAL_DEPLOYMENT_STATES.includes(d.state);
  let nextInMs: number | null = null;
  let scale = 1;
  if (active && d.nextStepAt) {
    const clock = clockFromEnv();
    try {
      scale = await clock.scale();
      nextInMs = await clock.realMsUntil(d.nextStepAt);
    } catch {
      nextInMs = null;
    }
  }
  return {
    id: d.id,
    kind: d.kind,
    state: d.state,
    functionName: d.functionName,
    alias: d.alias,
    fromVersion: d.fromVersion,
    toVersion: d.toVersion,
    strategy: d.strategy,
    steps: (d.plan as unknown as LiveDeployment["steps"]) ?? [],
    currentStep: d.currentStep,
    currentWeight: d.currentWeight,
    paused: d.paused,
    promoteNow: d.promoteNow,
    abortRequested: d.abortRequested,
    reason: d.reason,
    active,
    nextInMs,
    scale,
    readings: d.readings.reverse().map((r) => ({ ...r, id: undefined, deploymentId: undefined, at: r.at.toISOString() })),
    events: d.events.map((e) => ({ id: e.id.toString(), at: e.at.toISOString(), kind: e.kind, message: e.message, data: e.data })),
    can: {
      control: !!actor && decideControl(actor, d, "abort").allowed,
      promote: !!actor && decideControl(actor, d, "promote").allowed,
      pause: !!actor && decideControl(actor, d, "pause").allowed,
      resume: !!actor && decideControl(actor, d, "resume").allowed,
    },
    crId: d.crId,
    ecs,
    flag: d.flag ? { id: d.flag.id, name: d.flag.name, targetPercentage: Number((d.flagTo as { percentage?: number } | null)?.percentage ?? 100), from: d.fromVersion, to: d.toVersion, now: describeFlag(d.flag), nowPercentage: d.flag.enabled ? d.flag.percentage : 0 } : null,
  };
}

/** The ECS panel: the configuration applied, what it lets ECS do at once, and the counts as they moved. */
async function ecsView(deploymentId: string, cluster: string, service: string, stored: unknown): Promise<NonNullable<LiveDeployment["ecs"]>> {
  const rows = await db.deploymentEvent.findMany({ where: { deploymentId, kind: ECS_PROGRESS_EVENT }, orderBy: { id: "desc" }, take: 600, select: { at: true, data: true } });
  const points = rows.reverse().flatMap((r) => readEcsProgress(r.at.toISOString(), r.data) ?? []);
  const config = readEcsConfig(stored);
  const desired = points[points.length - 1]?.desired;
  const pace = desired ? describeEcsPace({ desiredCount: desired, maximumPercent: config.maximumPercent, minimumHealthyPercent: config.minimumHealthyPercent }) : null;
  // ECS lists its recent service events on every read: the newest tick's list is the one to show.
  const ecsEvents = points[points.length - 1]?.ecsEvents ?? [];
  return { cluster, service, config, pace, steps: distinctSteps(points).map((p) => ({ ...p, ecsEvents: [] })), ecsEvents };
}
