// ECS rolling deployments through the one orchestrator, with the real SDK against the sandbox's ECS
// (its clock moved by hand between ticks): a rollout at 10 desired tasks completes within 150/100
// starting up to 5 new tasks at a time, one at a time at 110/100; failing tasks trip ECS's circuit
// breaker, which rolls back (recorded as ECS's); a gate breach rolls back; a crash mid-rollout resumes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { controlDeployment } from "@/lib/server/deployment-controls";
import { rollbackAlias } from "@/lib/server/rollback-alias";
import { startDeployment } from "@/lib/server/start-deployment";
import { createReadyChange, createService, createUser } from "@/prisma/factories";
import { asActor, refusal } from "@/test/actors";
import { advanceDeployment } from "@/lib/deploy/advance";
import { deploymentOutcomes } from "@/lib/server/deployment-outcomes";
import { sandboxClock } from "@/lib/deploy/clock";
import { stopSenderBoss } from "@/lib/deploy/queue";

let sandbox: SandboxHandle;
let aws: AwsGateways;
let n = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 21 });
  aws = createAwsGateways({ endpoint: sandbox.url, retryBaseDelayMs: 1, retryMaxDelayMs: 2 });
});
afterAll(async () => {
  await stopSenderBoss();
  aws?.destroy();
  await sandbox?.close();
});

const deps = () => ({ lambda: aws.lambda, metrics: aws.metrics, ecs: aws.ecs, clock: sandboxClock(sandbox.url, 0), outcomes: deploymentOutcomes });

/** An ECS service on revision 1 of its family (10 tasks), registered in Changegate, and a ready CR to revision 2. */
async function ecsTarget(config: { maximumPercent?: number; circuitBreaker?: { enable: boolean; rollback: boolean } } = {}) {
  const name = `orders-${process.pid}-${++n}`;
  const maximumPercent = config.maximumPercent ?? 150;
  const breaker = config.circuitBreaker ?? { enable: true, rollback: true };
  const view = await sandbox.control.ecs.createService({ cluster: "demo", service: name, revisions: 2, taskDefinition: `${name}:1`, desiredCount: 10, maximumPercent, minimumHealthyPercent: 100, circuitBreaker: breaker, healthCheckGracePeriodSeconds: 60 });
  await sandbox.control.advance(300); // the first deployment settles
  const requester = asActor(await createUser(db, { roles: ["ENGINEER"] }));
  const service = await createService(db, { functionName: name, alias: "demo", baselineVersion: `${name}:1` });
  const targetGroup = (view as unknown as { targetGroup: string }).targetGroup;
  await db.service.update({
    where: { id: service.id },
    data: { kind: "ECS", targetGroup, ecsConfig: { maximumPercent, minimumHealthyPercent: 100, circuitBreaker: breaker, healthCheckGracePeriodSeconds: 60 }, gateRules: { validation: { minutes: 2 } } },
  });
  const td = await aws.ecs.describeTaskDefinition(`${name}:2`);
  const cr = await createReadyChange(db, { serviceId: service.id, requesterId: requester.id, targetVersion: `${name}:2`, strategy: "ROLLING", codeSha256: `taskdef:${td.arn}` });
  return { name, service, cr, requester };
}

/** Ticks, 30 simulated seconds apart, recording the task counts ECS reports, until the deployment ends. */
async function drive(id: string, name: string, maxTicks = 200) {
  const samples: { total: number; healthyOld: number; healthyNew: number }[] = [];
  for (let i = 0; i < maxTicks; i++) {
    const d = await db.deployment.findUniqueOrThrow({ where: { id } });
    if (["SUCCEEDED", "ROLLED_BACK", "FAILED"].includes(d.state)) return { d, samples };
    await advanceDeployment(deps(), id);
    const s = await aws.ecs.describeService("demo", name);
    samples.push({
      total: s.deployments.reduce((sum, x) => sum + x.runningCount + x.pendingCount, 0),
      healthyOld: s.deployments.filter((x) => x.taskDefinition.endsWith(":1")).reduce((sum, x) => sum + x.runningCount, 0),
      healthyNew: s.deployments.filter((x) => x.taskDefinition.endsWith(":2")).reduce((sum, x) => sum + x.runningCount, 0),
    });
    await sandbox.control.advance(30);
  }
  throw new Error(`deployment ${id} did not end`);
}

describe("ECS rolling deployments", () => {
  it("10 tasks at 150/100: ECS replaces them within the limits, the gates watch, the change is deployed", async () => {
    const t = await ecsTarget();
    const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, ecs: aws.ecs, enqueue: false });
    expect(d).toMatchObject({ fromVersion: `${t.name}:1`, toVersion: `${t.name}:2`, plan: [{ weight: 1, waitSeconds: 0 }] });
    // ECS cannot pause a rolling update: the server refuses, not only the page.
    expect((await refusal(controlDeployment(t.requester, d.id, "pause", { enqueue: false }))).message).toMatch(/ECS cannot pause/);
    const { d: end, samples } = await drive(d.id, t.name);
    expect(end.state).toBe("SUCCEEDED");
    expect(Math.max(...samples.map((x) => x.total))).toBeLessThanOrEqual(15);
    expect((await aws.ecs.describeService("demo", t.name)).primary).toMatchObject({ rolloutState: "COMPLETED", runningCount: 10 });
    const progress = await db.deploymentEvent.findMany({ where: { deploymentId: d.id, kind: "ECS_PROGRESS" } });
    expect(progress.length).toBeGreaterThan(1);
    expect(Math.max(...progress.map((e) => (e.data as { primary: { running: number } }).primary.running))).toBe(10);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: t.cr.id } })).state).toBe("DEPLOYED");
  });

  it("at 110/100 ECS replaces one task at a time", async () => {
    const t = await ecsTarget({ maximumPercent: 110 });
    const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, ecs: aws.ecs, enqueue: false });
    const { d: end, samples } = await drive(d.id, t.name, 400);
    expect(end.state).toBe("SUCCEEDED");
    expect(Math.max(...samples.map((x) => x.total))).toBeLessThanOrEqual(11);
  });

  it("tasks that fail to start trip ECS's circuit breaker; ECS rolls back and Changegate records it as ECS's", async () => {
    const t = await ecsTarget();
    await sandbox.control.ecs.injectTaskFault(`${t.name}:2`, { startFailure: true });
    const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, ecs: aws.ecs, enqueue: false });
    const { d: end } = await drive(d.id, t.name);
    expect(end.state).toBe("ROLLED_BACK");
    expect(end.reason).toMatch(/circuit breaker/i);
    // ECS rolled back by itself: Changegate made one update (the deploy) and no rollback of its own.
    const updates = (await sandbox.control.ecs.serviceUpdates()).filter((u) => u.service === t.name && u.via === "api");
    expect(updates).toHaveLength(1);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: t.cr.id } })).state).toBe("ROLLED_BACK");
  });

  it("a gate breach on the target group rolls back to the task definition that was running", async () => {
    const t = await ecsTarget();
    await sandbox.control.ecs.injectTaskFault(`${t.name}:2`, { errorRate: 0.4 });
    const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, ecs: aws.ecs, enqueue: false });
    const { d: end } = await drive(d.id, t.name);
    expect(end.state).toBe("ROLLED_BACK");
    expect(end.reason).toMatch(/gate breached/i);
    const s = await aws.ecs.describeService("demo", t.name);
    expect(s.primary.taskDefinition).toMatch(/:1$/);
  });

  it("a service changed by hand mid-rollout stops the deployment without fighting ECS", async () => {
    const t = await ecsTarget();
    const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, ecs: aws.ecs, enqueue: false });
    for (let i = 0; i < 4; i++) await advanceDeployment(deps(), d.id);
    await sandbox.control.ecs.updateService("demo", t.name, { taskDefinition: `${t.name}:1`, forceNewDeployment: true });
    const { d: end } = await drive(d.id, t.name);
    expect(end.state).toBe("FAILED");
    expect(end.reason).toMatch(/changed outside Changegate/);
    const ours = (await sandbox.control.ecs.serviceUpdates()).filter((u) => u.service === t.name && u.via === "api");
    expect(ours).toHaveLength(1);
  });

  it("a worker that dies after ECS accepted its update resumes the rollout, writing nothing twice", async () => {
    const t = await ecsTarget();
    const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, ecs: aws.ecs, enqueue: false });
    // The worker's process ends between ECS accepting UpdateService and Changegate recording the
    // deployment it created (the one window a crash can leave): simulated by a gateway whose update
    // lands and then throws, as a killed process never returns.
    const dying = new Proxy(aws.ecs, {
      get: (target, key) =>
        key === "updateService"
          ? async (...args: Parameters<typeof aws.ecs.updateService>) => {
              await target.updateService(...args);
              throw new Error("worker killed");
            }
          : Reflect.get(target, key),
    });
    let died: unknown = null;
    for (let i = 0; i < 5 && !died; i++) died = await advanceDeployment({ ...deps(), ecs: dying }, d.id).then(() => null, (e: unknown) => e);
    expect(String(died)).toMatch(/worker killed/);
    const marked = await db.deployment.findUniqueOrThrow({ where: { id: d.id } });
    expect(marked.aliasRevisionId).toMatch(/^pending:/);
    // A new worker adopts the deployment ECS holds for it (its task definition is exactly what the
    // marked write sets) instead of calling it a hand change, and follows it to the end.
    const { d: end } = await drive(d.id, t.name);
    expect(end.state).toBe("SUCCEEDED");
    expect(end.reason ?? "").not.toMatch(/outside Changegate/);
    const ours = (await sandbox.control.ecs.serviceUpdates()).filter((u) => u.service === t.name && u.via === "api");
    expect(ours).toHaveLength(1);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: t.cr.id } })).state).toBe("DEPLOYED");
  });

  it("a manual rollback goes back to a known-good task definition only, through the production gate", async () => {
    const t = await ecsTarget();
    const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, ecs: aws.ecs, enqueue: false });
    expect((await drive(d.id, t.name)).d.state).toBe("SUCCEEDED");
    const input = { serviceId: t.service.id, confirmAlias: t.name, reason: "orders failing since revision 2" };
    const never = await refusal(rollbackAlias(t.requester, { ...input, targetVersion: `${t.name}:3` }, { ecs: aws.ecs }));
    expect(never.message).toMatch(/never live here with a successful deployment/);
    const r = await rollbackAlias(t.requester, { ...input, targetVersion: `${t.name}:1` }, { ecs: aws.ecs });
    expect(r).toMatchObject({ kind: "ROLLBACK", state: "SUCCEEDED", fromVersion: `${t.name}:2`, toVersion: `${t.name}:1`, revertsDeploymentId: d.id });
    expect((await aws.ecs.describeService("demo", t.name)).primary.taskDefinition).toMatch(/:1$/);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: t.cr.id } })).state).toBe("ROLLED_BACK");
  });
});
