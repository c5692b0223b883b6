// Pinning an ECS change's target against this file's sandbox (real ECS SDK): the pin is the task
// definition's ARN; a revision that does not exist, belongs to another family or is not a revision
// at all is refused naming the field; the strategy must be ROLLING. A submitted ECS CR carries the pin.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import { refusal, seedActor } from "@/test/actors";
import { changeFormValues, createTeam } from "@/prisma/factories";
import { createChange } from "./create-change";
import { pinTarget } from "./target-pin";

let requester: Actor;
let serviceId: string;
const ARN = "arn:aws:ecs:us-east-1:000000000000:task-definition/billing:3";

beforeAll(async () => {
  requester = await seedActor(["ENGINEER"]);
  const control = new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL!);
  await control.ecs.createService({ cluster: "pin", service: "billing", revisions: 3, taskDefinition: "billing:2", desiredCount: 4 });
  await control.ecs.createService({ cluster: "pin", service: "ledger", revisions: 2, desiredCount: 2 });
  const team = await createTeam(db);
  const s = await db.service.create({
    data: { name: "billing-ecs", kind: "ECS", teamId: team.id, awsRegion: "us-east-1", functionName: "billing", alias: "pin", targetGroup: "targetgroup/billing/0", baselineVersion: "billing:2" },
  });
  serviceId = s.id;
});

describe("pinTarget for an ECS service", () => {
  it("pins the revision's task definition ARN", async () => {
    expect(await pinTarget({ serviceId, targetVersion: "billing:3", strategy: "ROLLING" })).toEqual({ serviceId, version: "billing:3", codeSha256: `taskdef:${ARN}` });
  });

  it("refuses a revision that does not exist, one of another family, and a Lambda version number", async () => {
    const missing = await refusal(pinTarget({ serviceId, targetVersion: "billing:9" }), "VALIDATION");
    expect(missing.message).toBe("Task definition billing:9 does not exist; register it or choose another revision of billing.");
    expect(missing.fields).toEqual({ targetVersion: "No such revision" });
    const other = await refusal(pinTarget({ serviceId, targetVersion: "ledger:1" }), "VALIDATION");
    expect(other.message).toBe("Task definition ledger:1 belongs to family ledger, but pin/billing runs family billing: choose a revision of billing.");
    expect(other.fields).toEqual({ targetVersion: "Not a revision of billing" });
    const number = await refusal(pinTarget({ serviceId, targetVersion: "3" }), "VALIDATION");
    expect(number.message).toMatch(/family:revision \(e\.g\. orders-api:3\), not 3/);
  });

  it("refuses a traffic-shifting strategy for ECS", async () => {
    const e = await refusal(pinTarget({ serviceId, targetVersion: "billing:3", strategy: "Canary10Percent5Minutes" }), "VALIDATION");
    expect(e.message).toBe("billing-ecs is an ECS service: it deploys by rolling update (ROLLING), not Canary10Percent5Minutes.");
    expect(e.fields).toEqual({ strategy: "An ECS service deploys by rolling update" });
  });

  it("a submitted ECS change request carries the pin; nothing is written when the revision is refused", async () => {
    const values = (v: string) => changeFormValues({ serviceId, onCallUserId: requester.id }, { targetVersion: v, strategy: "ROLLING" });
    const cr = await createChange(requester, values("billing:3"), { submit: true });
    expect(cr).toMatchObject({ state: "SUBMITTED", targetVersion: "billing:3", strategy: "ROLLING", targetCodeSha256: `taskdef:${ARN}` });
    const before = await db.changeRequest.count();
    await refusal(createChange(requester, values("ledger:2"), { submit: true }), "VALIDATION");
    expect(await db.changeRequest.count()).toBe(before);
  });
});
