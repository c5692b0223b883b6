// Crash safety: the deploy worker runs as a child process and is SIGKILLed 10 times in a row while
// ten deployments are mid-shift (some with errors injected part-way). After a last worker takes
// over, every deployment ends in a terminal state on which the database and the sandbox agree.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { startDeployment } from "@/lib/server/start-deployment";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { agreement, deployTarget, waitFor, waitTerminal } from "@/test/deploy-support";
import { scaled } from "@/test/timeouts";

const ROOT = path.resolve(import.meta.dirname, "../..");
let sandbox: SandboxHandle;
let aws: AwsGateways;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  // Simulated time runs only while a worker is up (see spawnWorker): a slow worker start on a busy
  // machine must not let the deployments finish before the kills.
  sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 11 });
  aws = createAwsGateways({ endpoint: sandbox.url });
});
afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await stopSenderBoss();
  aws?.destroy();
  await sandbox?.close();
});

async function spawnWorker(): Promise<ChildProcess> {
  // node itself with tsx as a loader: the tsx CLI would fork a second process that SIGKILL misses.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/deploy-worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, CHANGEGATE_SANDBOX_URL: sandbox.url, AWS_ENDPOINT_URL: sandbox.url, CHANGEGATE_AWS: "sandbox" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let err = "";
  child.stderr!.on("data", (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
  child.stdout!.on("data", (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
  const t0 = Date.now();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in ${Date.now() - t0} ms: ${err}`)), scaled(180_000));
    child.stdout!.on("data", (b: Buffer) => {
      if (b.toString().includes("deploy worker ready")) {
        clearTimeout(timer);
        void sandbox.control.setTimeScale(60).then(() => resolve(), reject);
      }
    });
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}: ${err}`)));
  });
  return child;
}

async function kill(child: ChildProcess) {
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await gone;
  await sandbox.control.setTimeScale(0);
}

it("SIGKILL of the worker 10 times mid-shift leaves every deployment consistent", async () => {
  const targets = [];
  // 30 simulated minutes of shifting (30 s at the 60× scale): long enough that all ten kills land while
  // deployments are still moving, however quickly the worker ticks.
  for (let i = 0; i < 10; i++) targets.push(await deployTarget(sandbox.control, { strategy: "Linear10PercentEvery3Minutes", validationMinutes: 1 }));
  const deployments = [];
  for (const t of targets) deployments.push(await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda }));

  let midShiftKills = 0;
  for (let round = 0; round < 10; round++) {
    const mark = (await db.deploymentEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const child = await spawnWorker();
    // Once this worker has made progress (a fresh process is slow to its first tick on a busy
    // machine), kill it at an arbitrary moment.
    // (Or every deployment has ended: then there is no progress left to wait for.)
    const ids = deployments.map((d) => d.id);
    await waitFor(
      "progress",
      async () =>
        (await db.deploymentEvent.count({ where: { id: { gt: mark }, kind: { not: "STARTED" } } })) > 0 ||
        (await db.deployment.count({ where: { id: { in: ids }, outcome: null } })) === 0,
      60_000,
    );
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1500)));
    if (round === 3) for (const t of targets.slice(0, 3)) await sandbox.control.injectFault(t.name, "3", { errorRate: 0.3 });
    const shifting = await db.deployment.count({ where: { id: { in: deployments.map((d) => d.id) }, state: "SHIFTING", currentWeight: { gt: 0 } } });
    if (shifting > 0) midShiftKills++;
    await kill(child);
  }
  expect(midShiftKills).toBeGreaterThanOrEqual(5);

  const last = await spawnWorker();
  for (const d of deployments) await waitTerminal(d.id, 150_000);
  await kill(last);

  for (const d of deployments) {
    const a = await agreement(sandbox.control, d.id);
    expect({ id: d.id, state: a.state, aliasOk: a.aliasOk, crOk: a.crOk, lock: a.lockReleased }).toEqual({ id: d.id, state: a.state, aliasOk: true, crOk: true, lock: true });
  }
  const states = await db.deployment.groupBy({ by: ["state"], where: { id: { in: deployments.map((d) => d.id) } }, _count: true });
  // The three with errors injected rolled back; the others completed.
  expect(Object.fromEntries(states.map((s) => [s.state, s._count]))).toEqual({ ROLLED_BACK: 3, SUCCEEDED: 7 });
  // Each deployment's alias was shifted by one runner at a time: the weights it recorded only go up.
  for (const d of deployments) {
    const weights = (await db.deploymentEvent.findMany({ where: { deploymentId: d.id, kind: "SHIFTED" }, orderBy: { id: "asc" } })).map((e) => (e.data as { weight: number }).weight);
    expect([...weights].sort((x, y) => x - y)).toEqual(weights);
  }
  await waitFor("no stray worker", async () => children.size === 0, 5000);
  // Eleven worker processes start one after another (tsx compiles each): beside two CPU-bound
  // processes a start alone took over a minute, so the limit is for the starts as much as the deployments.
}, scaled(900_000));
