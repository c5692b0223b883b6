// The events the services write as they work (real services, real PostgreSQL, the real SDK against
// the sandbox): a submitted change asks the CAB, an approval tells the requester, an automatic
// rollback tells the requester and the on-call engineer with its reason, a change made outside
// Changegate is reported to them, and a kill switch reaches the flag's owner.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { advanceDeployment } from "@/lib/deploy/advance";
import { deploymentOutcomes } from "@/lib/server/deployment-outcomes";
import { sandboxClock } from "@/lib/deploy/clock";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import { changeFormValues, createService, createUser } from "@/prisma/factories";
import { asActor } from "@/test/actors";
import { deployTarget, TERMINAL } from "@/test/deploy-support";
import { createChange } from "./create-change";
import { applyFlagChange } from "./apply-flag-change";
import { killFlag } from "./kill-flag";
import { proposeFlagChange } from "./propose-flag-change";
import { registerFlag } from "./register-flag";
import { startDeployment } from "./start-deployment";

// The test file's own sandbox (test/integration-setup.ts), where the portal's own reads go too.
let aws: AwsGateways;
let control: SandboxControlClient;
let url: string;

beforeAll(async () => {
  url = process.env.CHANGEGATE_SANDBOX_URL!;
  aws = createAwsGateways({ endpoint: url, retryBaseDelayMs: 1, retryMaxDelayMs: 2 });
  control = new SandboxControlClient(url);
});
afterAll(async () => {
  await stopSenderBoss();
  aws?.destroy();
});

const inbox = (userId: string) => db.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

async function drive(id: string) {
  const deps = { lambda: aws.lambda, metrics: aws.metrics, ssm: aws.ssm, clock: sandboxClock(url, 0), outcomes: deploymentOutcomes };
  for (let i = 0; i < 60; i++) {
    const d = await db.deployment.findUniqueOrThrow({ where: { id } });
    if (TERMINAL.includes(d.state)) return d;
    await advanceDeployment(deps, id);
    await control.advance(30);
  }
  throw new Error("deployment did not end");
}

it("a submitted change asks the CAB for votes, not its requester", async () => {
  const requester = asActor(await createUser(db, { roles: ["ENGINEER", "CAB_MEMBER"] }));
  const member = await createUser(db, { roles: ["CAB_MEMBER", "SRE"] });
  const engineer = await createUser(db, { roles: ["ENGINEER"] });
  const service = await createService(db);
  const cr = await createChange(requester, changeFormValues({ serviceId: service.id, onCallUserId: engineer.id }, { risk: "MEDIUM" }), { submit: true });
  expect((await inbox(member.id)).filter((n) => n.crId === cr.id).map((n) => [n.event, n.href])).toEqual([["change.submitted", `/changes/${cr.id}#vote`]]);
  expect((await inbox(requester.id)).filter((n) => n.crId === cr.id)).toEqual([]);
  expect((await inbox(engineer.id)).filter((n) => n.crId === cr.id)).toEqual([]);
});

it("an automatic rollback reaches the requester and the on-call engineer with its reason", async () => {
  const t = await deployTarget(control, { strategy: "Canary10Percent5Minutes" });
  const onCall = await createUser(db, { roles: ["SRE"] });
  await db.service.update({ where: { id: t.service.id }, data: { onCallUserId: onCall.id } });
  await control.injectFault(t.name, "3", { errorRate: 0.3 });
  const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, enqueue: false });
  expect((await drive(d.id)).state).toBe("ROLLED_BACK");
  for (const who of [t.requester.id, onCall.id]) {
    const mine = (await inbox(who)).filter((n) => n.deploymentId === d.id);
    expect(mine.map((n) => n.event)).toEqual(who === onCall.id ? ["deployment.started", "deployment.rolled-back"] : ["deployment.rolled-back"]);
    expect(mine.at(-1)!.body).toMatch(/gate breached/);
  }
});

it("a change made outside Changegate mid-deployment is reported as such", async () => {
  const t = await deployTarget(control, { strategy: "Linear10PercentEvery1Minute" });
  const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, enqueue: false });
  const deps = { lambda: aws.lambda, metrics: aws.metrics, clock: sandboxClock(url, 0), outcomes: deploymentOutcomes };
  for (let i = 0; i < 3; i++) await advanceDeployment(deps, d.id);
  await control.putAlias(t.name, "live", { functionVersion: "2", weights: {} });
  expect((await drive(d.id)).state).toBe("FAILED");
  const mine = (await inbox(t.requester.id)).filter((n) => n.deploymentId === d.id);
  expect(mine.map((n) => n.event)).toEqual(["deployment.drift"]);
  expect(mine[0]!.title).toMatch(/Changed outside Changegate/);
});

it("the kill switch tells the flag's owner and the on-call engineer, not the person who pulled it", async () => {
  const owner = asActor(await createUser(db, { roles: ["ENGINEER"] }));
  const onCall = await createUser(db, { roles: ["ENGINEER"] });
  const sre = asActor(await createUser(db, { roles: ["SRE"] }));
  const service = await createService(db, { onCallUserId: onCall.id });
  const flag = await registerFlag(owner, { serviceId: service.id, name: `notify-${Date.now().toString(36)}`, description: "A flag", risk: "LOW" });
  const on = await proposeFlagChange(owner, { flagId: flag.id, justification: "On for everyone", target: { enabled: true, percentage: 100, allowlist: [], rollout: [] } });
  expect((await drive((await applyFlagChange(owner, on.id, { ssm: aws.ssm, enqueue: false })).id)).state).toBe("SUCCEEDED");
  await killFlag(sre, { flagId: flag.id, reason: "checkout errors" }, { ssm: aws.ssm });
  for (const who of [owner.id, onCall.id]) {
    const killed = (await inbox(who)).filter((n) => n.event === "flag.killed");
    expect(killed.map((n) => [n.title, n.body, n.href])).toEqual([[`Flag ${flag.name} switched off by ${sre.name}`, "checkout errors", `/flags/${flag.id}`]]);
  }
  expect((await inbox(sre.id)).filter((n) => n.event === "flag.killed")).toEqual([]);
});
