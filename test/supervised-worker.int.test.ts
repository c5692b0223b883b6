// npm start's supervision of the deploy worker (scripts/lib/processes.ts): the worker process, as
// npm start runs it, is killed with SIGKILL while a deployment shifts traffic; it is started again
// (after a short backoff), writes its heartbeat again, and the deployment started before the kill
// finishes, the database and the sandbox agreeing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { startDeployment } from "@/lib/server/start-deployment";
import { restartDelayMs, stopChildren, superviseChild, type Supervised } from "@/scripts/lib/processes";
import { agreement, deployTarget, waitFor, waitTerminal } from "./deploy-support";
import { scaled } from "./timeouts";

let sandbox: SandboxHandle;
let aws: AwsGateways;
const log: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 60, seed: 12 });
  aws = createAwsGateways({ endpoint: sandbox.url });
});
afterAll(async () => {
  await stopChildren();
  await stopSenderBoss();
  aws?.destroy();
  await sandbox?.close();
});

const alivePid = (s: Supervised) => s.current()?.pid;
const beatFrom = (pid: number) => waitFor(`a heartbeat from worker process ${pid}`, () => db.workerHeartbeat.findFirst({ where: { pid } }), scaled(60_000), 200);

it("backs off 1 s, 2 s, 4 s … up to 30 s between restarts of a worker that keeps dying", () => {
  expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => restartDelayMs(n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
});

it("a worker killed with SIGKILL mid-deployment is started again and the deployment finishes", async () => {
  const worker = superviseChild(
    "Deploy worker",
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/deploy-worker.ts"],
    { ...process.env, CHANGEGATE_SANDBOX_URL: sandbox.url, AWS_ENDPOINT_URL: sandbox.url, CHANGEGATE_AWS: "sandbox" },
    { quiet: true, backoff: { firstMs: 200, maxMs: 1_000, healthyAfterMs: 60_000 }, log: (m) => log.push(m) },
  );
  const firstPid = alivePid(worker)!;
  await beatFrom(firstPid);

  // 30 simulated minutes of shifting (30 s real): the kill lands while traffic is moving.
  const t = await deployTarget(sandbox.control, { strategy: "Linear10PercentEvery3Minutes", validationMinutes: 1 });
  const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda });
  await waitFor("traffic shifting", () => db.deployment.findFirst({ where: { id: d.id, state: "SHIFTING", currentWeight: { gt: 0 } } }), scaled(60_000), 200);

  const gone = new Promise((r) => worker.current()!.once("exit", r));
  process.kill(firstPid, "SIGKILL");
  await gone;
  expect((await db.deployment.findUniqueOrThrow({ where: { id: d.id } })).outcome).toBeNull();

  const secondPid = await waitFor("the worker started again", async () => alivePid(worker) !== firstPid && alivePid(worker), scaled(30_000), 50);
  expect(worker.restarts()).toBe(1);
  expect(log).toEqual(["Deploy worker exited (SIGKILL); starting it again in 0.2 s."]);
  await beatFrom(secondPid);

  const ended = await waitTerminal(d.id, scaled(150_000));
  expect(ended.state).toBe("SUCCEEDED");
  const a = await agreement(sandbox.control, d.id);
  expect({ aliasOk: a.aliasOk, crOk: a.crOk, lockReleased: a.lockReleased }).toEqual({ aliasOk: true, crOk: true, lockReleased: true });

  // Stopping is not dying: a worker stopped with npm start is not started again.
  await stopChildren(["Deploy worker"]);
  expect(worker.current()).toBeUndefined();
  expect(worker.restarts()).toBe(1);
}, scaled(300_000));
