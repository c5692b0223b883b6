// Helpers shared by the deploy integration tests and the bench: a function in the sandbox with a
// service and a ready CR for it, waiting on conditions, and the "database and alias agree" check.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { sandboxClock } from "@/lib/deploy/clock";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { startDeployWorker, type DeployWorker, type WorkerOptions } from "@/lib/deploy/worker";
import { deploymentOutcomes } from "@/lib/server/deployment-outcomes";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import type { SandboxControlClient } from "@/lib/sandbox/control-client";
import { asActor } from "./actors";
import { scaled } from "./timeouts";
import { createReadyChange, createService, createUser, sandboxCodeSha } from "@/prisma/factories";

/** Polls until `fn` returns something truthy; gives up after `timeoutMs` × CHANGEGATE_TEST_TIMEOUT_SCALE. */
export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const limit = scaled(timeoutMs);
  const end = Date.now() + limit;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out after ${limit} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export { asActor } from "./actors";

let n = 0;
/** A sandbox function (versions 1..3, alias `live` on 2), its service (short validation) and a ready CR to version 3. */
export async function deployTarget(control: SandboxControlClient, opts: { strategy?: string; validationMinutes?: number; requester?: Actor } = {}) {
  const name = `dep-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 6)}`;
  await control.createFunction({ name, versions: 3, alias: "live", aliasVersion: "2", requestRate: 20 });
  const requester = opts.requester ?? asActor(await createUser(db, { roles: ["ENGINEER"] }));
  // Registered while the alias served version 2: known-good, a rollback target.
  const service = await createService(db, { functionName: name, alias: "live", baselineVersion: "2" });
  await db.service.update({ where: { id: service.id }, data: { gateRules: { validation: { minutes: opts.validationMinutes ?? 2 } } } });
  const codeSha256 = await sandboxCodeSha(name, "3", control);
  const cr = await createReadyChange(db, { serviceId: service.id, requesterId: requester.id, targetVersion: "3", strategy: opts.strategy ?? "Canary10Percent5Minutes", codeSha256 });
  return { name, service, cr, requester };
}

export const TERMINAL = ["SUCCEEDED", "ROLLED_BACK", "FAILED"];

export async function waitTerminal(deploymentId: string, timeoutMs = 90_000) {
  return waitFor(`deployment ${deploymentId} to end`, async () => {
    const d = await db.deployment.findUnique({ where: { id: deploymentId }, include: { cr: true } });
    return d && TERMINAL.includes(d.state) ? d : null;
  }, timeoutMs, 200);
}

/** What the alias must look like, and the CR state, for a deployment's terminal state. */
export async function agreement(control: SandboxControlClient, deploymentId: string) {
  const d = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, include: { cr: true } });
  const state = await control.state();
  const alias = state.functions.find((f) => f.name === d.functionName)?.aliases.find((a) => a.name === d.alias);
  const expectedVersion = d.state === "SUCCEEDED" ? d.toVersion : d.fromVersion;
  const expectedCr = { SUCCEEDED: "DEPLOYED", ROLLED_BACK: "ROLLED_BACK", FAILED: "FAILED" }[d.state as "SUCCEEDED"];
  return {
    state: d.state,
    aliasOk: alias?.functionVersion === expectedVersion && Object.keys(alias.weights).length === 0,
    crOk: d.cr?.state === expectedCr,
    lockReleased: d.activeLock === null,
    alias,
    deployment: d,
  };
}

export interface DeployRig {
  sandbox: SandboxHandle;
  aws: AwsGateways;
  worker: DeployWorker;
  stop(): Promise<void>;
}

/**
 * The orchestrator end to end for an integration test: the sandbox at 120× (a 60 s metric period is
 * half a real second), the real SDK against it with short retry delays, and one deploy worker in
 * this process on the test's database.
 */
export async function startDeployRig(seed: number, worker: Omit<WorkerOptions, "databaseUrl" | "deps"> & { timeScale?: number } = {}): Promise<DeployRig> {
  const { timeScale = 120, ...options } = worker;
  const sandbox = await startSandbox({ port: 0, timeScale, seed });
  const aws = createAwsGateways({ endpoint: sandbox.url, retryBaseDelayMs: 5, retryMaxDelayMs: 20 });
  const w = await startDeployWorker({
    databaseUrl: process.env.DATABASE_URL!,
    deps: { lambda: aws.lambda, metrics: aws.metrics, ssm: aws.ssm, ecs: aws.ecs, alarms: aws.alarms, clock: sandboxClock(sandbox.url), outcomes: deploymentOutcomes },
    ...options,
  });
  return {
    sandbox,
    aws,
    worker: w,
    async stop() {
      await w.stop();
      await stopSenderBoss();
      aws.destroy();
      await sandbox.close();
    },
  };
}
