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
    const other = await createReadyChange(db, { serviceId: t.service.id, requesterId: t.requester.id, targetVersion: "3" });
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
    expect(e.message).toMatch(/Version 42 of .* does not exist/);
  });

  it("publishes $LATEST when the CR targets it", async () => {
    const t = await deployTarget(sandbox.control);
    await sandbox.control.newVersion(t.name, { publish: false, description: "unpublished fix" });
    await db.changeRequest.update({ where: { id: t.cr.id }, data: { targetVersion: "$LATEST" } });
    await db.gateResult.updateMany({ where: { crId: t.cr.id }, data: { version: "$LATEST" } });
    const d = await startDeployment(t.requester, t.cr.id, opts());
    expect(d.toVersion).toBe("4");
    expect(d.fromVersion).toBe("2");
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
  it("lets the on-call engineer roll back at once after typing the alias, recording it and the CR", async () => {
    const t = await deployTarget(sandbox.control);
    const onCall = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    await db.service.update({ where: { id: t.service.id }, data: { onCallUserId: onCall.id } });
    // The CR shipped version 3 earlier.
    await sandbox.control.putAlias(t.name, "live", { functionVersion: "3", weights: {} });
    await db.changeRequest.update({ where: { id: t.cr.id }, data: { state: "DEPLOYED" } });
    const shipped = await db.deployment.create({
      data: { crId: t.cr.id, serviceId: t.service.id, awsRegion: "us-east-1", functionName: t.name, alias: "live", fromVersion: "2", toVersion: "3", strategy: "AllAtOnce", plan: [], state: "SUCCEEDED", outcome: "SUCCEEDED", finishedAt: new Date() },
    });
    const stranger = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    const input = { serviceId: t.service.id, targetVersion: "1", confirmAlias: "live", crId: t.cr.id };
    expect((await refusal(rollbackAlias(stranger, { ...input, crId: undefined }, { lambda: aws.lambda }))).code).toBe("FORBIDDEN");
    const typo = await refusal(rollbackAlias(onCall, { ...input, confirmAlias: "prod" }, { lambda: aws.lambda }));
    expect(typo.fields?.confirmAlias).toMatch(/live/);

    const r = await rollbackAlias(onCall, input, { lambda: aws.lambda });
    expect(r).toMatchObject({ kind: "ROLLBACK", toVersion: "1", fromVersion: "3", rollbackKind: "MANUAL" });
    const alias = await aws.lambda.getAlias(t.name, "live");
    expect(alias).toMatchObject({ functionVersion: "1", additionalVersionWeights: {} });
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: t.cr.id } })).state).toBe("ROLLED_BACK");
    const marked = await db.deployment.findUniqueOrThrow({ where: { id: shipped.id } });
    expect(marked).toMatchObject({ outcome: "ROLLED_BACK", rollbackKind: "MANUAL" });
    expect(marked.issueDetectedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "deployment.manual-rollback", entityId: r.id } })).toBe(1);
  });
});
