// Importing services from a SAM template (issue 17) against this file's sandbox: the seed's canary
// template registers MyFunction:live with its strategy, hooks and alarm gate, audited; a batch with
// one bad function or a duplicate name registers nothing; only admins may import.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import { refusal, seedActor } from "@/test/actors";
import { importSamServices, previewSamImport } from "./import-services";

const seedTemplate = readFileSync(new URL("../domain/sam/fixtures/seed-canary.yaml", import.meta.url), "utf8");
const twoFunctions = `Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: imp-orders, AutoPublishAlias: live, DeploymentPreference: { Type: AllAtOnce } }
  Ghost:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: imp-ghost, AutoPublishAlias: live, DeploymentPreference: { Type: AllAtOnce } }
`;
let admin: Actor;

beforeAll(async () => {
  admin = await seedActor(["ADMIN"]);
  const control = new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL!);
  await control.createFunction({ name: "MyFunction", versions: 3, alias: "live", aliasVersion: "2" });
  await control.createFunction({ name: "imp-orders", versions: 2, alias: "live", aliasVersion: "1" });
});

const base = { template: seedTemplate, stackName: "orders", awsRegion: "us-east-1" };

describe("importSamServices", () => {
  it("without the stack name the alarm's name is unknown: refused naming ErrorRateAlarm, nothing written", async () => {
    const e = await refusal(importSamServices(admin, { ...base, stackName: "", services: [{ logicalId: "MyFunction", name: "my-function", team: "Orders" }] }));
    expect(e).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/MyFunction cannot be registered yet: .*ErrorRateAlarm's AlarmName .* needs AWS::StackName/) });
    expect(await db.service.count({ where: { functionName: "MyFunction" } })).toBe(0);
  });

  it("registers the seed's MyFunction:live with Canary10Percent5Minutes, its hooks and the ErrorRate alarm; the live version is its baseline; audited", async () => {
    const preview = await previewSamImport(admin, base);
    expect(preview.proposal.services.map((s) => s.logicalId)).toEqual(["MyFunction"]);
    expect(preview.registered).toEqual({ MyFunction: null });
    const [s] = await importSamServices(admin, { ...base, services: [{ logicalId: "MyFunction", name: "my-function", team: "Orders", onCallUserId: admin.id }] });
    expect(s).toMatchObject({ name: "my-function", functionName: "MyFunction", alias: "live", defaultStrategy: "Canary10Percent5Minutes", preTrafficHook: "PreTrafficHook", postTrafficHook: "PostTrafficHook", alarmNames: ["orders-ErrorRate"], baselineVersion: "2", onCallUserId: admin.id });
    const audit = await db.auditEvent.findFirst({ where: { entityId: s!.id, action: "service.created" } });
    expect(audit?.after).toMatchObject({ importedFrom: { logicalId: "MyFunction", stackName: "orders" } });
    expect((await previewSamImport(admin, base)).registered.MyFunction).toBe("MyFunction:live is already registered as my-function");
  });

  it("a batch with a function Lambda does not have registers nothing, naming the missing function", async () => {
    const e = await refusal(importSamServices(admin, { template: twoFunctions, awsRegion: "us-east-1", services: [{ logicalId: "Orders", name: "imp-orders", team: "Orders" }, { logicalId: "Ghost", name: "imp-ghost", team: "Orders" }] }));
    expect(e).toMatchObject({ code: "VALIDATION", message: "Ghost: AWS Lambda has no function named imp-ghost; check the name (it is case-sensitive) and the region, or deploy the stack first." });
    expect(await db.service.count({ where: { functionName: { in: ["imp-orders", "imp-ghost"] } } })).toBe(0);
  });

  it("a name already taken fails the whole batch inside the transaction; a bad name is refused naming the function and field", async () => {
    const e = await refusal(importSamServices(admin, { template: twoFunctions.replace("imp-ghost", "imp-orders"), awsRegion: "us-east-1", services: [{ logicalId: "Orders", name: "imp-a", team: "Orders" }, { logicalId: "Ghost", name: "my-function", team: "Orders" }] }));
    expect(e).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/nothing was registered/) });
    expect(await db.service.count({ where: { name: "imp-a" } })).toBe(0);
    const bad = await refusal(importSamServices(admin, { template: twoFunctions, awsRegion: "us-east-1", services: [{ logicalId: "Orders", name: "Bad Name", team: "Orders" }] }));
    expect(bad).toMatchObject({ code: "VALIDATION", fields: { "Orders.name": "Use lowercase letters, digits and dashes" } });
  });

  it("an unknown Type or a template with no deployable function is refused with the reason; engineers may not import", async () => {
    const unknown = await refusal(importSamServices(admin, { template: twoFunctions.replaceAll("AllAtOnce", "Canary50Percent1Minute"), awsRegion: "us-east-1", services: [{ logicalId: "Orders", name: "imp-orders", team: "Orders" }] }));
    expect(unknown.message).toMatch(/Orders: DeploymentPreference.Type 'Canary50Percent1Minute' is not a CodeDeploy predefined configuration/);
    const none = await refusal(previewSamImport(admin, { template: "Resources:\n  T:\n    Type: AWS::SNS::Topic\n", awsRegion: "us-east-1" }));
    expect(none).toMatchObject({ code: "VALIDATION", fields: { template: expect.stringMatching(/no deployable function/) } });
    const engineer = await seedActor(["ENGINEER"]);
    expect(await refusal(previewSamImport(engineer, base))).toMatchObject({ code: "FORBIDDEN" });
  });
});
