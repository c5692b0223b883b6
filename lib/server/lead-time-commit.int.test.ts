// Lead time from the commit CI reports: a deployment carries the earliest commit time CI gave with a
// gate result for the deployed version (else the CR's), also when CI reports it after the start; the
// dashboard says for how many deployments lead time is known; a deployment that finishes on another
// local day than it started counts on the day it finished.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { createApiToken } from "@/lib/server/api-tokens";
import { createDeployment } from "@/prisma/factories";
import { seedActor } from "@/test/actors";
import { deployTarget } from "@/test/deploy-support";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { POST as postGate } from "@/app/api/v1/changes/[ref]/gates/route";
import { deliveryMetricsSql } from "./delivery-metrics-sql";
import { startDeployment } from "./start-deployment";

let sandbox: SandboxHandle;
let aws: AwsGateways;
const t = (s: string) => new Date(s);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 7 });
  aws = createAwsGateways({ endpoint: sandbox.url });
});
afterAll(async () => {
  await stopSenderBoss();
  aws?.destroy();
  await sandbox?.close();
});

describe("lead time from CI's commit times", () => {
  it("the deployment takes the earliest commit CI reported for its version, and an earlier one reported later", async () => {
    const target = await deployTarget(sandbox.control);
    const admin = await seedActor(["ADMIN"]);
    const token = await createApiToken(admin, { name: "pipeline-lead", serviceIds: [target.service.id] });
    const gate = (body: unknown) =>
      postGate(
        new Request(`http://localhost/api/v1/changes/${target.cr.number}/gates`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token.plain}` }, body: JSON.stringify(body) }),
        { params: Promise.resolve({ ref: target.cr.number }) },
      );
    await db.changeRequest.update({ where: { id: target.cr.id }, data: { commitTime: t("2026-03-01T12:00:00Z"), commitSha: "aaaaaaa" } });
    // Reported only by CI: two commits in version 3; the earliest is what shipped longest after its commit.
    expect((await gate({ gate: "UNIT", version: "3", passed: true, commitSha: "bbbbbbb", commitTime: "2026-03-01T09:00:00Z" })).status).toBe(201);
    expect((await gate({ gate: "INTEGRATION", version: "3", passed: true, commitSha: "ccccccc", commitTime: "2026-03-01T10:00:00Z" })).status).toBe(201);
    const d = await startDeployment(target.requester, target.cr.id, { lambda: aws.lambda, enqueue: false });
    expect(d).toMatchObject({ commitTime: t("2026-03-01T09:00:00Z"), commitSha: "bbbbbbb" });
    // CI reports an earlier commit of the same version while it deploys: the lead time follows.
    expect((await gate({ gate: "SECURITY_SCAN", version: "3", passed: true, commitSha: "ddddddd", commitTime: "2026-03-01T08:30:00Z" })).status).toBe(201);
    expect(await db.deployment.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ commitTime: t("2026-03-01T08:30:00Z"), commitSha: "ddddddd" });
  });

  it("coverage: lead time known for the deployments with a commit time; a deployment across midnight counts on the day it finished", async () => {
    const svc = await deployTarget(sandbox.control);
    const serviceId = svc.service.id;
    // Berlin: started 23:50 on Tuesday 3 March, finished 00:20 on Wednesday 4 March; commit 2 h before the finish.
    await createDeployment(db, { serviceId, startedAt: t("2026-03-03T22:50:00Z"), finishedAt: t("2026-03-03T23:20:00Z"), commitTime: t("2026-03-03T21:20:00Z") });
    await createDeployment(db, { serviceId, startedAt: t("2026-03-05T10:00:00Z"), commitTime: null });
    await createDeployment(db, { serviceId, startedAt: t("2026-03-05T12:00:00Z"), finishedAt: t("2026-03-05T12:10:00Z"), commitTime: t("2026-03-05T13:00:00Z") }); // later than its finish: bad data, unknown
    const r = await deliveryMetricsSql({ period: { from: t("2026-03-01T23:00:00Z"), to: t("2026-03-08T23:00:00Z") }, timeZone: "Europe/Berlin", scope: { serviceId } });
    expect(r.leadTimeCoverage).toEqual({ known: 1, of: 3, share: 1 / 3, text: "lead time known for 1 of 3 deployments" });
    expect(r.metrics.leadTime.value).toBe(2 * 3600);
    expect(r.daily.find((x) => x.date === "2026-03-03")?.success).toBe(0);
    expect(r.daily.find((x) => x.date === "2026-03-04")?.success).toBe(1);
  });
});
