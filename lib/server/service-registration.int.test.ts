// Registering a Lambda service checks AWS first: a function Lambda does not have is refused naming
// that function (not "no alias"), an alias it does not have names the alias, and nothing is written.
// A registered service whose function has gone since shows words on its page, never the SDK's text.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import { refusal, seedActor } from "@/test/actors";
import { createTeam } from "@/prisma/factories";
import { saveService } from "./manage-services";
import { getServiceVersions } from "./service-versions";

let admin: Actor;

beforeAll(async () => {
  admin = await seedActor(["ADMIN"]);
  await new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL!).createFunction({ name: "reg-billing", versions: 2, alias: "production", aliasVersion: "2", requestRate: 1 });
});

const form = (over: Record<string, unknown> = {}) => ({ name: "reg-billing", team: "Billing", awsRegion: "us-east-1", functionName: "reg-billing", alias: "production", ...over });
const count = () => db.service.count({ where: { name: { startsWith: "reg-" } } });

describe("service registration checks AWS", () => {
  it("refuses a Lambda function that does not exist, naming it and the field; nothing is written", async () => {
    const before = await count();
    const e = await refusal(saveService(admin, form({ name: "reg-ghost", functionName: "reg-Billing" })), "VALIDATION");
    expect(e.message).toBe("AWS Lambda has no function named reg-Billing; check the name (it is case-sensitive) and the region, or create the function first.");
    expect(e.fields).toEqual({ functionName: "No such Lambda function" });
    expect(await count()).toBe(before);
    expect(await db.auditEvent.count({ where: { action: "service.created", after: { path: ["name"], equals: "reg-ghost" } } })).toBe(0);
  });

  it("refuses an alias the function does not have, naming the alias", async () => {
    const e = await refusal(saveService(admin, form({ name: "reg-staging", alias: "staging" })), "VALIDATION");
    expect(e.message).toBe("Lambda has no alias staging on function reg-billing; create it first.");
    expect(e.fields).toEqual({ alias: "No such alias" });
  });

  it("registers a function and alias that exist, with the alias's version as the known-good baseline", async () => {
    const s = await saveService(admin, form());
    expect(s).toMatchObject({ functionName: "reg-billing", alias: "production", baselineVersion: "2" });
  });

  it("a service whose function is gone shows what is wrong in words on its page, not AWS's error text", async () => {
    const team = await createTeam(db);
    const gone = await db.service.create({ data: { name: "reg-gone", teamId: team.id, awsRegion: "eu-west-1", functionName: "reg-deleted-fn", alias: "production" } });
    const v = await getServiceVersions(admin, gone.id);
    expect(v.awsError).toBe(
      "AWS has no Lambda function reg-deleted-fn, alias production (eu-west-1): it may have been deleted or renamed. Until it exists again nothing can be deployed or rolled back here; an admin can correct the registration under Admin → Services.",
    );
    expect(v.awsError).not.toMatch(/AWS said|GetAlias|ResourceNotFound|Exception/);
    expect(v.versions).toEqual([]);
  });
});
