// The deploy services on a real database and the sandbox: readiness refusals, one deploy per alias
// under 20 concurrent attempts, who may control and roll back, and the manual rollback record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { AppError } from "@/lib/errors";
import { createReadyChange, createUser } from "@/prisma/factories";
import { asActor, deployTarget } from "@/test/deploy-support";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { advanceDeployment } from "@/lib/deploy/advance";
import { deploymentOutcomes } from "@/lib/server/deployment-outcomes";
import { sandboxClock } from "@/lib/deploy/clock";
import { startDeployment } from "./start-deployment";
import { controlDeployment } from "./deployment-controls";
import { rollbackAlias } from "./rollback-alias";

let sandbox: SandboxHandle;
let aws: AwsGateways;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 3 });
  aws = createAwsGateways({ endpoint: sandbox.url });
});
afterAll(async () => {
  await stopSenderBoss();
  aws?.destroy();
  await sandbox?.close();
});

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
const opts = () => ({ lambda: aws.lambda, enqueue: false });

describe("startDeployment", () => {
  it("20 concurrent attempts on one alias (two CRs) start exactly one", async () => {
    const t = await deployTarget(sandbox.control);
    const other = await createReadyChange(db, { serviceId: t.service.id, requesterId: t.requester.id, targetVersion: "3", codeSha256: t.cr.targetCodeSha256 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => startDeployment(t.requester, i % 2 ? t.cr.id : other.id, opts())),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(["CONFLICT", "NOT_READY", "STALE"]).toContain((r.reason as AppError).code);
    expect(await db.deployment.count({ where: { serviceId: t.service.id } })).toBe(1);
    const crs = await db.changeRequest.findMany({ where: { id: { in: [t.cr.id, other.id] } }, select: { state: true } });
    expect(crs.map((c) => c.state).sort()).toEqual(["APPROVED", "DEPLOYING"]);
  });

  it("refuses a CR that is not ready, with the readiness reasons, and writes nothing", async () => {
    const t = await deployTarget(sandbox.control);
    await db.gateResult.deleteMany({ where: { crId: t.cr.id, gate: "INTEGRATION" } });
    const e = await refusal(startDeployment(t.requester, t.cr.id, opts()));
    expect(e.code).toBe("NOT_READY");
    expect(e.message).toMatch(/integration tests? not reported for version 3/i);
    expect(await db.deployment.count({ where: { crId: t.cr.id } })).toBe(0);
  });

  it("only the requester, an SRE or an admin starts it; a version that does not exist is named", async () => {
    const t = await deployTarget(sandbox.control);
    const stranger = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    expect((await refusal(startDeployment(stranger, t.cr.id, opts()))).code).toBe("FORBIDDEN");
    await db.changeRequest.update({ where: { id: t.cr.id }, data: { targetVersion: "42" } });
    await db.gateResult.updateMany({ where: { crId: t.cr.id }, data: { version: "42" } });
    const e = await refusal(startDeployment(t.requester, t.cr.id, opts()));
    expect(e.message).toMatch(/version 42 does not exist/);
  });

  it("point 3: $LATEST is never a target, and code that changed since it was pinned does not ship", async () => {
    // A change that somehow targets $LATEST (rows written around the form) is refused at deploy, and nothing is published.
    const t = await deployTarget(sandbox.control);
    await sandbox.control.newVersion(t.name, { publish: false, description: "new code pushed after approval" });
    await db.changeRequest.update({ where: { id: t.cr.id }, data: { targetVersion: "$LATEST" } });
    await db.gateResult.updateMany({ where: { crId: t.cr.id }, data: { version: "$LATEST" } });
    const latest = await refusal(startDeployment(t.requester, t.cr.id, opts()));
    expect(latest.message).toMatch(/\$LATEST is not a published version: .*publish a version/);
    expect((await aws.lambda.listVersions(t.name)).map((v) => v.version)).toEqual(["1", "2", "3"]);
    expect(await db.deployment.count({ where: { crId: t.cr.id } })).toBe(0);

    // Version 3 re-created with other code (the function deleted and rebuilt): the pin no longer matches.
    const u = await deployTarget(sandbox.control);
    await sandbox.control.deleteFunction(u.name);
    await sandbox.control.createFunction({ name: u.name, versions: 3, alias: "live", aliasVersion: "2" });
    const changed = await refusal(startDeployment(u.requester, u.cr.id, opts()));
    expect(changed.code).toBe("NOT_READY");
    expect(changed.message).toMatch(/version 3's code changed since it was approved/);
    expect(await db.deployment.count({ where: { crId: u.cr.id } })).toBe(0);
  });
});

describe("controls", () => {
  it("promote needs the requester or an SRE; a finished deployment refuses controls", async () => {
    const t = await deployTarget(sandbox.control);
    const d = await startDeployment(t.requester, t.cr.id, opts());
    const engineer = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    const product = asActor(await createUser(db, { roles: ["PRODUCT"] }));
    expect((await refusal(controlDeployment(engineer, d.id, "promote", { enqueue: false }))).code).toBe("FORBIDDEN");
    expect((await refusal(controlDeployment(product, d.id, "pause", { enqueue: false }))).code).toBe("FORBIDDEN");
    await controlDeployment(engineer, d.id, "pause", { enqueue: false });
    expect((await db.deployment.findUniqueOrThrow({ where: { id: d.id } })).paused).toBe(true);
    await controlDeployment(t.requester, d.id, "promote", { enqueue: false });
    await db.deployment.update({ where: { id: d.id }, data: { state: "SUCCEEDED", activeLock: null } });
    expect((await refusal(controlDeployment(t.requester, d.id, "abort", { enqueue: false }))).code).toBe("ILLEGAL_TRANSITION");
  });
});

describe("manual rollback", () => {
  /** A target whose CR shipped version 3 with a successful deployment (the alias was on 2 at registration). */
  async function shippedTarget() {
    const t = await deployTarget(sandbox.control);
    await sandbox.control.putAlias(t.name, "live", { functionVersion: "3", weights: {} });
    await db.changeRequest.update({ where: { id: t.cr.id }, data: { state: "DEPLOYED" } });
    const shipped = await db.deployment.create({
      data: { crId: t.cr.id, requesterId: t.requester.id, serviceId: t.service.id, awsRegion: "us-east-1", functionName: t.name, alias: "live", fromVersion: "2", toVersion: "3", strategy: "AllAtOnce", plan: [], state: "SUCCEEDED", outcome: "SUCCEEDED", finishedAt: new Date() },
    });
    return { ...t, shipped };
  }

  it("lets the on-call engineer roll back to a known-good version at once, with a reason, recording it on the change", async () => {
    const t = await shippedTarget();
    const onCall = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    await db.service.update({ where: { id: t.service.id }, data: { onCallUserId: onCall.id } });
    const stranger = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    const input = { serviceId: t.service.id, targetVersion: "2", confirmAlias: "live", reason: "Checkout errors since version 3" };
    expect((await refusal(rollbackAlias(stranger, input, { lambda: aws.lambda }))).code).toBe("FORBIDDEN");
    const typo = await refusal(rollbackAlias(onCall, { ...input, confirmAlias: "prod" }, { lambda: aws.lambda }));
    expect(typo.fields?.confirmAlias).toMatch(/live/);
    const noReason = await refusal(rollbackAlias(onCall, { ...input, reason: "  " }, { lambda: aws.lambda }));
    expect(noReason.fields?.reason).toMatch(/Say why/);

    const r = await rollbackAlias(onCall, input, { lambda: aws.lambda });
    expect(r).toMatchObject({ kind: "ROLLBACK", toVersion: "2", fromVersion: "3", rollbackKind: "MANUAL", state: "SUCCEEDED", activeLock: null, revertsDeploymentId: t.shipped.id, crId: t.cr.id });
    const alias = await aws.lambda.getAlias(t.name, "live");
    expect(alias).toMatchObject({ functionVersion: "2", additionalVersionWeights: {} });
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: t.cr.id } })).state).toBe("ROLLED_BACK");
    const marked = await db.deployment.findUniqueOrThrow({ where: { id: t.shipped.id } });
    expect(marked).toMatchObject({ outcome: "ROLLED_BACK", rollbackKind: "MANUAL" });
    // Its finish time is its own; the rollback is the rollback's row.
    expect(marked.finishedAt).toEqual(t.shipped.finishedAt);
    expect(marked.issueDetectedAt).not.toBeNull();
    const trail = (await db.auditEvent.findMany({ where: { crId: t.cr.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(trail).toEqual(expect.arrayContaining(["deployment.manual-rollback", "change.rollBack", "deployment.manual-rollback-done"]));
  });

  it("point 1: a rollback goes back only — never to a newer or never-proven version, by anyone", async () => {
    const t = await shippedTarget();
    const sre = asActor(await createUser(db, { roles: ["SRE"] }));
    await sandbox.control.newVersion(t.name, { description: "version 4, never covered by a change" });
    await sandbox.control.putAlias(t.name, "live", { functionVersion: "1", weights: {} });
    // The alias is on 1 (put there by hand); 4 is newer and no change ever covered it; 3 was shipped and is good.
    for (const v of ["4", "1"]) {
      const e = await refusal(rollbackAlias(sre, { serviceId: t.service.id, targetVersion: v, confirmAlias: "live", reason: "test" }, { lambda: aws.lambda }));
      expect(e.code).toBe("NOT_READY");
    }
    const forward = await refusal(rollbackAlias(sre, { serviceId: t.service.id, targetVersion: "4", confirmAlias: "live", reason: "test" }, { lambda: aws.lambda }));
    expect(forward.message).toMatch(/4 was never live here with a successful deployment, so moving to it is a deploy/);
    expect((await aws.lambda.getAlias(t.name, "live")).functionVersion).toBe("1");
    expect(await db.deployment.count({ where: { serviceId: t.service.id, kind: "ROLLBACK" } })).toBe(0);
    // An engineer who is neither the requester nor on call may not roll back at all.
    const engineer = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    expect((await refusal(rollbackAlias(engineer, { serviceId: t.service.id, targetVersion: "2", confirmAlias: "live", reason: "x" }, { lambda: aws.lambda }))).code).toBe("FORBIDDEN");
  });

  it("point 7: the requester rolls back their own deployed change; two rollbacks at once change the alias once", async () => {
    const t = await shippedTarget();
    const input = { serviceId: t.service.id, targetVersion: "2", confirmAlias: "live", reason: "latency doubled" };
    const results = await Promise.allSettled([rollbackAlias(t.requester, input, { lambda: aws.lambda }), rollbackAlias(t.requester, input, { lambda: aws.lambda })]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const done = await db.deployment.findMany({ where: { serviceId: t.service.id, kind: "ROLLBACK", outcome: "SUCCEEDED" } });
    expect(done).toHaveLength(1);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: t.cr.id } })).state).toBe("ROLLED_BACK");
    // Control-API changes are not AWS calls: the one UpdateAlias is the one rollback's.
    expect(await sandbox.control.calls({ operation: "UpdateAlias", functionName: t.name })).toHaveLength(1);
  });
});

describe("point 6: a change made by hand during a deployment is never overwritten", () => {
  const cases: [string, { functionVersion: string; weights: Record<string, number> }][] = [
    ["rolled back by hand to the old version", { functionVersion: "2", weights: {} }],
    ["set to 50 % by hand", { functionVersion: "2", weights: { "3": 0.5 } }],
  ];
  for (const [label, hand] of cases) {
    it(`the alias ${label}: the deployment stops as changed outside Changegate and leaves it`, async () => {
      const t = await deployTarget(sandbox.control);
      const d = await startDeployment(t.requester, t.cr.id, opts());
      const deps = { lambda: aws.lambda, metrics: aws.metrics, clock: sandboxClock(sandbox.url), outcomes: deploymentOutcomes };
      // Ticks by hand (no worker) until the first traffic step is on the alias.
      for (let i = 0; i < 10; i++) {
        const row = await db.deployment.findUniqueOrThrow({ where: { id: d.id } });
        if (row.state === "SHIFTING" && row.currentWeight > 0) break;
        await advanceDeployment(deps, d.id);
      }
      expect((await aws.lambda.getAlias(t.name, "live")).additionalVersionWeights).toEqual({ "3": 0.1 });

      await sandbox.control.putAlias(t.name, "live", hand);
      for (let i = 0; i < 3; i++) await advanceDeployment(deps, d.id);

      const row = await db.deployment.findUniqueOrThrow({ where: { id: d.id }, include: { cr: true, events: true } });
      expect(row).toMatchObject({ state: "FAILED", activeLock: null });
      expect(row.reason).toMatch(/changed outside Changegate \(it now routes .*version 2/);
      expect(row.cr?.state).toBe("FAILED");
      const alias = await aws.lambda.getAlias(t.name, "live");
      expect({ v: alias.functionVersion, w: alias.additionalVersionWeights }).toEqual({ v: hand.functionVersion, w: hand.weights });
      // Changegate wrote the alias once (the 10 % step) and never again.
      expect(await sandbox.control.calls({ operation: "UpdateAlias", functionName: t.name })).toHaveLength(1);
    });
  }

  it("the alias set by hand to the old version before the first step (the very shape the deployment holds): stopped, never written", async () => {
    const t = await deployTarget(sandbox.control);
    const d = await startDeployment(t.requester, t.cr.id, opts());
    await sandbox.control.putAlias(t.name, "live", { functionVersion: "2", weights: {} });
    const deps = { lambda: aws.lambda, metrics: aws.metrics, clock: sandboxClock(sandbox.url), outcomes: deploymentOutcomes };
    for (let i = 0; i < 4; i++) await advanceDeployment(deps, d.id);
    const row = await db.deployment.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.state).toBe("FAILED");
    expect(row.reason).toMatch(/changed outside Changegate/);
    expect(await sandbox.control.calls({ operation: "UpdateAlias", functionName: t.name })).toHaveLength(0);
  });
});
