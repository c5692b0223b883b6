// The live view of an ECS rolling deployment: the orchestrator's ECS_PROGRESS ticks become the task
// counts as they moved (one row per change), the pace the configuration allows, and ECS's own events;
// the ticks stay out of the timeline.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedActor } from "@/test/actors";
import { createDeployment, createTeam } from "@/prisma/factories";
import { getLiveDeployment } from "./deployment-live";

const T = (s: number) => new Date(Date.UTC(2025, 5, 2, 9, 0, s));
const tick = (s: number, running: number, pending: number, old: number, failures = 0) => ({
  at: T(s),
  kind: "ECS_PROGRESS",
  message: `${old} old + ${running} new`,
  data: {
    primary: { taskDefinition: "arn:aws:ecs:us-east-1:000000000000:task-definition/shop:3", running, pending, failed: failures, desired: 10, rolloutState: "IN_PROGRESS" },
    previous: { taskDefinition: "arn:aws:ecs:us-east-1:000000000000:task-definition/shop:2", running: old },
    circuitBreaker: { failures, threshold: 5 },
    events: [{ createdAt: T(s).toISOString(), message: "(service shop) has started 5 tasks: (task 1) (task 2)." }],
  },
});

describe("getLiveDeployment for an ECS service", () => {
  it("shows the task counts per change, the pace at 150 %/100 %, ECS's events; no progress ticks in the timeline", async () => {
    const sre = await seedActor(["SRE"]);
    const team = await createTeam(db);
    const service = await db.service.create({
      data: {
        name: "shop-ecs", kind: "ECS", teamId: team.id, awsRegion: "us-east-1", functionName: "shop", alias: "live-cluster", targetGroup: "targetgroup/shop/0",
        ecsConfig: { maximumPercent: 150, minimumHealthyPercent: 100, circuitBreaker: { enable: true, rollback: true }, healthCheckGracePeriodSeconds: 60 },
      },
    });
    const d = await createDeployment(db, {
      serviceId: service.id, fromVersion: "shop:2", toVersion: "shop:3", strategy: "ROLLING", startedAt: T(0), outcome: null,
      events: [{ at: T(0), kind: "STARTED", message: "started" }, tick(1, 0, 5, 10), tick(2, 0, 5, 10), tick(3, 5, 0, 10), tick(4, 5, 0, 5), tick(5, 10, 0, 0)],
    });
    const live = await getLiveDeployment(sre, d.id);
    expect(live.events.map((e) => e.kind)).toEqual(["STARTED"]);
    expect(live.ecs?.pace).toMatchObject({ maxTasks: 15, minHealthy: 10, atOnce: 5 });
    expect(live.ecs?.steps.map((s) => [s.oldRunning, s.newRunning, s.newPending])).toEqual([[10, 0, 5], [10, 5, 0], [5, 5, 0], [0, 10, 0]]);
    expect(live.ecs?.steps[0]).toMatchObject({ newTaskDefinition: "shop:3", oldTaskDefinition: "shop:2", threshold: 5 });
    expect(live.ecs?.ecsEvents).toEqual([{ at: T(5).toISOString(), message: "(service shop) has started 5 tasks: (task 1) (task 2)." }]);
  });
});
