// The real ECS SDK client, through the gateway, against the sandbox on a random port. Time moves
// only when a test advances the sandbox clock (5 s at a time: every scheduler event falls on a
// multiple of 5 s, so each state the rollout passes through is observed).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { AwsGatewayError, createAwsGateways, type AwsGateways, type EcsServiceState } from "./index";
import { caught } from "@/test/aws-errors";

const T0 = new Date("2025-06-02T09:00:00Z");
let sandbox: SandboxHandle;
let aws: AwsGateways;
let n = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0, startTime: T0, seed: 7 });
  aws = createAwsGateways({ endpoint: sandbox.url, maxAttempts: 3, retryBaseDelayMs: 2, retryMaxDelayMs: 10 });
});
afterAll(async () => {
  aws.destroy();
  await sandbox.close();
});

/** A fresh steady service per test: family = service name, revisions 1..3, running revision 1. */
async function service(opts: { maximumPercent?: number; minimumHealthyPercent?: number; desiredCount?: number; rollback?: boolean } = {}) {
  const name = `svc-${++n}`;
  const { rollback = true, ...rest } = opts;
  await sandbox.control.ecs.createService({ cluster: "it", service: name, revisions: 3, taskDefinition: `${name}:1`, circuitBreaker: { enable: true, rollback }, ...rest });
  return name;
}


interface Watch {
  maxTotal: number;
  minHealthy: number;
  maxPendingNew: number;
  seen: EcsServiceState[];
}

/** Advances 5 s at a time until `done` (at most `limit` steps), recording the bounds the rollout kept. */
async function follow(name: string, done: (s: EcsServiceState) => boolean, limit = 400): Promise<Watch> {
  const w: Watch = { maxTotal: 0, minHealthy: Infinity, maxPendingNew: 0, seen: [] };
  for (let i = 0; i < limit; i++) {
    const s = await aws.ecs.describeService("it", name);
    const ctl = (await sandbox.control.ecs.state()).clusters.find((c) => c.name === "it")!.services.find((x) => x.serviceName === name)!;
    w.seen.push(s);
    w.maxTotal = Math.max(w.maxTotal, s.runningCount + s.pendingCount);
    w.minHealthy = Math.min(w.minHealthy, ctl.taskStates.HEALTHY);
    w.maxPendingNew = Math.max(w.maxPendingNew, s.primary.pendingCount);
    if (done(s)) return w;
    await sandbox.control.advance(5);
  }
  throw new Error(`${name} did not reach the expected state in ${limit} steps`);
}

describe("rolling updates", () => {
  it("10 tasks at 150/100: five new at a time, never above 15 or below 10 healthy, completes on the new revision", async () => {
    const name = await service();
    const before = await aws.ecs.describeService("it", name);
    expect(before).toMatchObject({ desiredCount: 10, runningCount: 10, deploymentConfiguration: { maximumPercent: 150, minimumHealthyPercent: 100, circuitBreaker: { enable: true, rollback: true } }, healthCheckGracePeriodSeconds: 60 });
    const after = await aws.ecs.updateService("it", name, { taskDefinition: `${name}:2`, expectedPrimaryDeploymentId: before.primary.id });
    expect(after.primary).toMatchObject({ revision: 2, rolloutState: "IN_PROGRESS", pendingCount: 5, rolloutStateReason: `ECS deployment ${after.primary.id} in progress.` });
    expect(after.deployments.find((d) => d.id === before.primary.id)?.status).toBe("ACTIVE");

    const w = await follow(name, (s) => s.primary.rolloutState === "COMPLETED");
    expect(w.maxTotal).toBe(15);
    expect(w.minHealthy).toBe(10);
    expect(w.maxPendingNew).toBe(5);
    const end = w.seen.at(-1)!;
    expect(end.deployments).toHaveLength(1);
    expect(end.primary).toMatchObject({ id: after.primary.id, revision: 2, runningCount: 10, failedTasks: 0, rolloutStateReason: `ECS deployment ${after.primary.id} completed.` });
    expect(end.events.map((e) => e.message)).toContain(`(service ${name}) has reached a steady state.`);
    expect(await sandbox.control.ecs.serviceUpdates()).toContainEqual(expect.objectContaining({ service: name, via: "api", taskDefinition: expect.stringContaining(`${name}:2`) }));
  });

  it("at 110/100 replaces one task at a time", async () => {
    const name = await service({ maximumPercent: 110 });
    const before = await aws.ecs.describeService("it", name);
    await aws.ecs.updateService("it", name, { taskDefinition: `${name}:2`, expectedPrimaryDeploymentId: before.primary.id });
    const w = await follow(name, (s) => s.primary.rolloutState === "COMPLETED", 1000);
    expect(w).toMatchObject({ maxTotal: 11, minHealthy: 10, maxPendingNew: 1 });
  });

  it("a frozen clock is a frozen rollout", async () => {
    const name = await service();
    const before = await aws.ecs.describeService("it", name);
    await aws.ecs.updateService("it", name, { taskDefinition: `${name}:2`, expectedPrimaryDeploymentId: before.primary.id });
    const a = await aws.ecs.describeService("it", name);
    const b = await aws.ecs.describeService("it", name);
    expect(b.deployments).toEqual(a.deployments);
  });
});

describe("the circuit breaker", () => {
  it.each([
    ["fail to start", { startFailure: true }],
    ["fail their health checks", { healthCheckFailure: true }],
  ])("trips at its threshold when new tasks %s and rolls back to the last completed deployment", async (_why, fault) => {
    const name = await service();
    await sandbox.control.ecs.injectTaskFault(`${name}:3`, fault);
    const before = await aws.ecs.describeService("it", name);
    const started = await aws.ecs.updateService("it", name, { taskDefinition: `${name}:3`, expectedPrimaryDeploymentId: before.primary.id });

    const w = await follow(name, (s) => s.primary.id !== started.primary.id);
    const tripped = w.seen.at(-1)!;
    const failed = tripped.deployments.find((d) => d.id === started.primary.id)!;
    expect(failed).toMatchObject({ status: "ACTIVE", rolloutState: "FAILED", failedTasks: 5, rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start." });
    // Threshold = ceil(0.5 × 10) = 5: the wave of five failing tasks is exactly enough; before it, it ran on.
    expect(w.seen.at(-2)!.primary).toMatchObject({ id: started.primary.id, rolloutState: "IN_PROGRESS" });
    expect(w.seen.at(-2)!.primary.failedTasks).toBeLessThan(5);
    expect(tripped.primary).toMatchObject({ revision: 1, rolloutState: "IN_PROGRESS", rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${before.primary.id}.` });
    expect(w.minHealthy).toBe(10);

    const back = await follow(name, (s) => s.primary.rolloutState === "COMPLETED");
    expect(back.seen.at(-1)!).toMatchObject({ runningCount: 10, deployments: [expect.objectContaining({ revision: 1 })] });
  });

  it("without rollback leaves the FAILED deployment primary and the old tasks serving", async () => {
    const name = await service({ rollback: false });
    await sandbox.control.ecs.injectTaskFault(`${name}:3`, { startFailure: true });
    const before = await aws.ecs.describeService("it", name);
    await aws.ecs.updateService("it", name, { taskDefinition: `${name}:3`, expectedPrimaryDeploymentId: before.primary.id });
    const w = await follow(name, (s) => s.primary.rolloutState === "FAILED");
    await sandbox.control.advance(600);
    const later = await aws.ecs.describeService("it", name);
    expect(later.primary).toMatchObject({ revision: 3, rolloutState: "FAILED", failedTasks: 5, runningCount: 0, pendingCount: 0 });
    expect(later.deployments.find((d) => d.status === "ACTIVE")).toMatchObject({ revision: 1, runningCount: 10 });
    expect(w.minHealthy).toBe(10);
  });
});

describe("refusals", () => {
  it("refuses with SERVICE_CHANGED when a hand update moved the primary deployment, and sends nothing", async () => {
    const name = await service();
    const read = await aws.ecs.describeService("it", name);
    await sandbox.control.ecs.updateService("it", name, { taskDefinition: `${name}:3` });
    await sandbox.control.clearCalls();
    const e = await caught(aws.ecs.updateService("it", name, { taskDefinition: `${name}:2`, expectedPrimaryDeploymentId: read.primary.id }));
    expect(e).toMatchObject({ kind: "SERVICE_CHANGED", code: "CONFLICT" });
    expect(e.message).toMatch(new RegExp(`Service it/${name} was deployed outside Changegate since it was read: its PRIMARY deployment is now ecs-svc/\\d+ \\(${name}:3, IN_PROGRESS\\)`));
    expect(await sandbox.control.calls({ operation: "UpdateService" })).toHaveLength(0);
    const journal = (await sandbox.control.ecs.serviceUpdates()).filter((u) => u.service === name);
    expect(journal.map((u) => u.via)).toEqual(["control"]);
  });

  it.each([
    [{ maximumPercent: 90, minimumHealthyPercent: 100 }, /minimumHealthyPercent \(100\) is above maximumPercent \(90\)/],
    [{ maximumPercent: 100, minimumHealthyPercent: 100 }, /could neither start a new task nor stop an old one/],
  ])("refuses the configuration %o as INVALID with the reason", async (cfg, message) => {
    const name = await service();
    const read = await aws.ecs.describeService("it", name);
    const e = await caught(aws.ecs.updateService("it", name, { taskDefinition: `${name}:2`, deploymentConfiguration: cfg, expectedPrimaryDeploymentId: read.primary.id }));
    expect(e.kind).toBe("INVALID");
    expect(e.message).toMatch(message);
  });

  it("refuses a missing revision and another family's revision as INVALID", async () => {
    const name = await service();
    const other = await service();
    const read = await aws.ecs.describeService("it", name);
    const missing = await caught(aws.ecs.updateService("it", name, { taskDefinition: `${name}:99`, expectedPrimaryDeploymentId: read.primary.id }));
    expect(missing).toMatchObject({ kind: "INVALID", message: `Task definition ${name}:99 does not exist, so it/${name} cannot be updated to it.` });
    const foreign = await caught(aws.ecs.updateService("it", name, { taskDefinition: `${other}:2`, expectedPrimaryDeploymentId: read.primary.id }));
    expect(foreign.kind).toBe("INVALID");
    expect(foreign.message).toMatch(`belongs to family ${other}, but it/${name} runs family ${name}`);
    expect((await caught(aws.ecs.describeTaskDefinition(`${name}:99`))).kind).toBe("NOT_FOUND");
    expect((await caught(aws.ecs.describeService("it", "nope"))).kind).toBe("NOT_FOUND");
    expect((await caught(aws.ecs.describeService("no-cluster", name))).kind).toBe("NOT_FOUND");
  });

  it("retries a throttled UpdateService", async () => {
    const name = await service();
    const read = await aws.ecs.describeService("it", name);
    await sandbox.control.clearCalls();
    await sandbox.control.injectControlFault({ operation: "UpdateService", kind: "THROTTLE", count: 2 });
    const out = await aws.ecs.updateService("it", name, { taskDefinition: `${name}:2`, expectedPrimaryDeploymentId: read.primary.id });
    expect(out.primary.revision).toBe(2);
    expect((await sandbox.control.calls({ operation: "UpdateService" })).map((c) => c.status)).toEqual([400, 400, 200]);
  });
});

describe("task definitions", () => {
  it("lists a family's revisions across pages and describes one", async () => {
    const name = await service();
    for (let i = 0; i < 4; i++) await sandbox.control.ecs.registerTaskDefinition({ family: name });
    const list = await aws.ecs.listTaskDefinitions(name, { pageSize: 2 });
    expect(list.map((t) => t.revision)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(list[0]?.arn).toBe(`arn:aws:ecs:us-east-1:000000000000:task-definition/${name}:1`);
    expect(await aws.ecs.describeTaskDefinition(`${name}:7`)).toMatchObject({ family: name, revision: 7, status: "ACTIVE" });
  });
});

describe("ALB metrics", () => {
  it("a revision answering 5xx raises HTTPCode_Target_5XX_Count as its tasks take traffic", async () => {
    const name = await service();
    const state = (await sandbox.control.ecs.state()).clusters.find((c) => c.name === "it")!.services.find((s) => s.serviceName === name)!;
    await sandbox.control.ecs.injectTaskFault(`${name}:2`, { errorRate: 0.2 });
    const read = await aws.ecs.describeService("it", name);
    const start = (await sandbox.control.clock()).nowMs;
    await aws.ecs.updateService("it", name, { taskDefinition: `${name}:2`, expectedPrimaryDeploymentId: read.primary.id });
    await follow(name, (s) => s.primary.rolloutState === "COMPLETED");
    await sandbox.control.advance(300);
    const res = await fetch(sandbox.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "GraniteServiceVersion20100801.GetMetricData" },
      body: JSON.stringify({
        StartTime: Math.floor(start / 1000) - 300,
        EndTime: Math.floor(start / 1000) + 900,
        ScanBy: "TimestampAscending",
        MetricDataQueries: ["HTTPCode_Target_5XX_Count", "RequestCount"].map((m, i) => ({
          Id: `m${i}`,
          MetricStat: { Metric: { Namespace: "AWS/ApplicationELB", MetricName: m, Dimensions: [{ Name: "TargetGroup", Value: state.targetGroup }, { Name: "LoadBalancer", Value: state.loadBalancer }] }, Period: 60, Stat: "Sum" },
        })),
      }),
    });
    const body = (await res.json()) as { MetricDataResults: { Values: number[] }[] };
    const [errors, requests] = body.MetricDataResults.map((r) => r.Values);
    const rate = (i: number) => errors![i]! / requests![i]!;
    // Before the deploy ~0.1 %; at the end every task is on the faulty revision: ~20 %.
    expect(rate(0)).toBeLessThan(0.02);
    expect(rate(errors!.length - 1)).toBeGreaterThan(0.15);
    // 20 requests/s on healthy targets throughout: the rollout never left the service without any.
    expect(requests!.slice(1).every((r) => r > 900)).toBe(true);
  });
});

describe("persistence", () => {
  it("keeps services, deployments and faults across a restart, and loads a state file from before ECS", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-ecs-"));
    try {
      const file = path.join(dir, "state.json");
      const a = await startSandbox({ timeScale: 0, startTime: T0, stateFile: file });
      await a.control.ecs.createService({ cluster: "p", service: "orders", revisions: 2, taskDefinition: "orders:1" });
      await a.control.ecs.injectTaskFault("orders:2", { errorRate: 0.5 });
      await a.control.ecs.updateService("p", "orders", { taskDefinition: "orders:2" });
      await a.control.advance(45);
      const before = (await a.control.ecs.state()).clusters[0]!.services[0]!;
      await a.close();

      const b = await startSandbox({ timeScale: 0, stateFile: file });
      const after = (await b.control.ecs.state()).clusters[0]!.services[0]!;
      expect(after.deployments).toEqual(before.deployments);
      expect(after.taskStates).toEqual(before.taskStates);
      expect((await b.control.ecs.state()).faults).toEqual([expect.objectContaining({ errorRate: 0.5 })]);
      await b.close();

      const old = JSON.parse(JSON.stringify({ formatVersion: 1, seed: 1, clock: { simMs: T0.getTime(), realMs: Date.now(), scale: 0 }, functions: {}, faults: [], controlFaults: [] }));
      writeFileSync(file, JSON.stringify(old));
      const c = await startSandbox({ stateFile: file });
      expect((await c.control.ecs.state()).clusters).toEqual([]);
      await c.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
