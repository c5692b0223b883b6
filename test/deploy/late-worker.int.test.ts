// A worker that comes back long after a deployment's validation window ended (a day's outage, a
// queue stuck over a weekend) judges the window that was watched, not everything since: found by the
// control model, where such a deployment failed on a metrics request too large for CloudWatch.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { startDeployment } from "@/lib/server/start-deployment";
import { deployTarget, TERMINAL } from "@/test/deploy-support";
import { advanceDeployment } from "@/lib/deploy/advance";
import { deploymentOutcomes } from "@/lib/server/deployment-outcomes";
import { sandboxClock } from "@/lib/deploy/clock";
import { stopSenderBoss } from "@/lib/deploy/queue";

let sandbox: SandboxHandle;
let aws: AwsGateways;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 5 });
  aws = createAwsGateways({ endpoint: sandbox.url, retryBaseDelayMs: 1, retryMaxDelayMs: 2 });
});
afterAll(async () => {
  await stopSenderBoss();
  aws?.destroy();
  await sandbox?.close();
});

it("a deployment whose worker returns two days after its validation window succeeds on that window", async () => {
  const t = await deployTarget(sandbox.control, { strategy: "AllAtOnce", validationMinutes: 2 });
  const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, enqueue: false });
  const deps = { lambda: aws.lambda, metrics: aws.metrics, clock: sandboxClock(sandbox.url, 0), outcomes: deploymentOutcomes };
  for (let i = 0; i < 20; i++) {
    const row = await db.deployment.findUniqueOrThrow({ where: { id: d.id } });
    if (row.state === "VALIDATING" || TERMINAL.includes(row.state)) break;
    await advanceDeployment(deps, d.id);
    await sandbox.control.advance(30);
  }
  expect((await db.deployment.findUniqueOrThrow({ where: { id: d.id } })).state).toBe("VALIDATING");
  await sandbox.control.advance(60); // the window's traffic, then the outage
  await sandbox.control.advance(2 * 86_400);
  for (let i = 0; i < 5; i++) await advanceDeployment(deps, d.id);
  const end = await db.deployment.findUniqueOrThrow({ where: { id: d.id } });
  expect({ state: end.state, reason: end.reason }).toEqual({ state: "SUCCEEDED", reason: null });
  expect((await db.changeRequest.findUniqueOrThrow({ where: { id: t.cr.id } })).state).toBe("DEPLOYED");
});
