import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeEcsPace, distinctSteps, readEcsProgress, shortTaskDefinition } from "./ecs-progress";

const ARN = "arn:aws:ecs:us-east-1:000000000000:task-definition/orders-api:3";
const tick = (at: string, running: number, pending: number, oldRunning: number, failures = 0) =>
  readEcsProgress(at, {
    primary: { taskDefinition: ARN, running, pending, failed: failures, desired: 10, rolloutState: "IN_PROGRESS" },
    previous: { taskDefinition: "orders-api:2", running: oldRunning },
    circuitBreaker: { failures, threshold: 5 },
  })!;

describe("readEcsProgress", () => {
  it("reads the orchestrator's ECS_PROGRESS data, with short task definitions", () => {
    expect(tick("2025-06-02T09:00:05.000Z", 0, 5, 10)).toEqual({
      at: "2025-06-02T09:00:05.000Z",
      newTaskDefinition: "orders-api:3",
      newRunning: 0,
      newPending: 5,
      newFailed: 0,
      desired: 10,
      rolloutState: "IN_PROGRESS",
      oldTaskDefinition: "orders-api:2",
      oldRunning: 10,
      failures: 0,
      threshold: 5,
      ecsEvents: [],
    });
  });

  it("survives partial or odd data; no primary is no reading", () => {
    expect(readEcsProgress("t", null)).toBeNull();
    expect(readEcsProgress("t", { primary: {} })).toBeNull();
    const p = readEcsProgress("t", { primary: { taskDefinition: "x:1", running: -3, pending: "2" }, events: [{ createdAt: "2025-01-01T00:00:00Z", message: "has reached a steady state." }, { message: "" }] });
    expect(p).toMatchObject({ newRunning: 0, newPending: 0, oldTaskDefinition: null, threshold: null, ecsEvents: [{ at: "2025-01-01T00:00:00Z", message: "has reached a steady state." }] });
  });

  it("reads ECS's events as the orchestrator records them (messages), and a missing previous deployment", () => {
    const p = readEcsProgress("t", { primary: { taskDefinition: "shop:4", running: 2 }, previous: null, events: ["(service shop) has started 2 tasks.", 7] });
    expect(p).toMatchObject({ oldTaskDefinition: null, oldRunning: 0, ecsEvents: [{ at: null, message: "(service shop) has started 2 tasks." }] });
  });

  it("shortTaskDefinition keeps family:revision", () => {
    expect(shortTaskDefinition(ARN)).toBe("orders-api:3");
    expect(shortTaskDefinition("orders-api:3")).toBe("orders-api:3");
  });
});

describe("distinctSteps", () => {
  it("keeps one row per change of counts, in order", () => {
    const rows = [tick("1", 0, 5, 10), tick("2", 0, 5, 10), tick("3", 5, 0, 10), tick("4", 5, 0, 5), tick("5", 5, 0, 5), tick("6", 5, 0, 5, 1)];
    expect(distinctSteps(rows).map((r) => r.at)).toEqual(["1", "3", "4", "6"]);
  });
});

describe("describeEcsPace", () => {
  it("the seed's 150 %/100 % at 10 tasks starts up to 5 at once; 110 % one at a time", () => {
    expect(describeEcsPace({ desiredCount: 10, maximumPercent: 150, minimumHealthyPercent: 100 })).toMatchObject({ maxTasks: 15, minHealthy: 10, atOnce: 5 });
    const one = describeEcsPace({ desiredCount: 10, maximumPercent: 110, minimumHealthyPercent: 100 });
    expect(one.atOnce).toBe(1);
    expect(one.text).toBe("At 10 tasks desired, maximum 110 % allows 11 tasks running or pending and minimum healthy 100 % keeps 10 healthy, so ECS starts up to 1 task of the new revision at once (one at a time, the seed's picture).");
    expect(describeEcsPace({ desiredCount: 4, maximumPercent: 200, minimumHealthyPercent: 100 }).atOnce).toBe(4);
  });

  it("never more than the desired count, never below 0", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 100, max: 400 }), fc.integer({ min: 0, max: 100 }), (desiredCount, maximumPercent, minimumHealthyPercent) => {
        const p = describeEcsPace({ desiredCount, maximumPercent, minimumHealthyPercent });
        expect(p.atOnce).toBeGreaterThanOrEqual(0);
        expect(p.atOnce).toBeLessThanOrEqual(desiredCount);
        expect(p.atOnce).toBeLessThanOrEqual(p.maxTasks - p.minHealthy);
      }),
    );
  });
});
