// Registering ECS services through saveService, against this file's sandbox (the real ECS SDK):
// the entry records cluster/service, target group, configuration and the running revision as its
// baseline; a configuration ECS would refuse or stall on, or a service ECS does not have, is
// refused naming the field, with nothing written. Lambda registration is unchanged.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import { refusal, seedActor } from "@/test/actors";
import { saveService } from "./manage-services";

let admin: Actor;
let control: SandboxControlClient;
let targetGroup: string;

beforeAll(async () => {
  admin = await seedActor(["ADMIN"]);
  control = new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL!);
  await control.ecs.createService({ cluster: "reg", service: "orders", revisions: 3, taskDefinition: "orders:2", desiredCount: 10 });
  await control.ecs.createService({ cluster: "reg", service: "tiny", revisions: 1, desiredCount: 1 });
  const s = (await control.ecs.state()).clusters.find((c) => c.name === "reg")!.services.find((x) => x.serviceName === "orders")!;
  targetGroup = s.targetGroup;
});

const form = (over: Record<string, unknown> = {}) => ({
  kind: "ECS",
  name: `orders-${Math.random().toString(36).slice(2, 7)}`,
  team: "Payments",
  awsRegion: "us-east-1",
  cluster: "reg",
  ecsService: "orders",
  targetGroup: "",
  maximumPercent: "150",
  minimumHealthyPercent: "100",
  circuitBreakerEnable: "on",
  circuitBreakerRollback: "on",
  healthCheckGracePeriodSeconds: "60",
  ...over,
});

describe("saveService for ECS", () => {
  it("registers the service with its configuration, its load balancer's target group and the running revision as baseline; audited", async () => {
    const s = await saveService(admin, form({ name: "orders-ecs" }));
    expect(s).toMatchObject({
      kind: "ECS",
      functionName: "orders",
      alias: "reg",
      targetGroup,
      baselineVersion: "orders:2",
      ecsConfig: { maximumPercent: 150, minimumHealthyPercent: 100, circuitBreaker: { enable: true, rollback: true }, healthCheckGracePeriodSeconds: 60 },
    });
    const audit = await db.auditEvent.findFirst({ where: { entityId: s.id, action: "service.created" } });
    expect(audit).not.toBeNull();

    // Saving it again with another configuration keeps the baseline read at registration.
    await control.ecs.updateService("reg", "orders", { taskDefinition: "orders:3" });
    const again = await saveService(admin, form({ id: s.id, name: "orders-ecs", maximumPercent: "110", targetGroup }));
    expect(again).toMatchObject({ baselineVersion: "orders:2", ecsConfig: { maximumPercent: 110 } });
  });

  it("refuses a configuration ECS would refuse or could never make progress with, naming the field; nothing written", async () => {
    const before = await db.service.count();
    const above = await refusal(saveService(admin, form({ minimumHealthyPercent: "100", maximumPercent: "100" })), "VALIDATION");
    expect(above.fields?.maximumPercent).toMatch(/allows 10 task\(s\).*keeps 10 healthy.*could never move/);
    const over = await refusal(saveService(admin, form({ minimumHealthyPercent: "120" })), "VALIDATION");
    expect(over.fields?.minimumHealthyPercent).toMatch(/at most 100/);
    const rollback = await refusal(saveService(admin, form({ circuitBreakerEnable: undefined })), "VALIDATION");
    expect(rollback.fields?.circuitBreakerRollback).toBe("Rollback needs the circuit breaker enabled");
    // At one desired task, 150 % allows one task: ECS could not start a new one beside the old.
    const tiny = await refusal(saveService(admin, form({ ecsService: "tiny" })), "VALIDATION");
    expect(tiny.fields?.maximumPercent).toMatch(/At 1 desired tasks, maximumPercent 150 allows 1 task/);
    expect(await db.service.count()).toBe(before);
  });

  it("refuses a service ECS does not have, and a target group the service is not behind", async () => {
    const missing = await refusal(saveService(admin, form({ ecsService: "nope" })), "VALIDATION");
    expect(missing.message).toBe("ECS has no service nope in cluster reg; check both names.");
    expect(missing.fields).toEqual({ ecsService: "No such service in this cluster" });
    const tg = await refusal(saveService(admin, form({ targetGroup: "targetgroup/other/0123456789abcdef" })), "VALIDATION");
    expect(tg.fields).toEqual({ targetGroup: "Not a target group of this service" });
    const shape = await refusal(saveService(admin, form({ targetGroup: "arn:aws:whatever" })), "VALIDATION");
    expect(shape.fields?.targetGroup).toMatch(/targetgroup\/<name>\/<id>/);
  });

  it("still registers a Lambda alias without a kind, as before", async () => {
    await control.createFunction({ name: "legacy-fn", versions: 2, alias: "live", aliasVersion: "2" });
    const s = await saveService(admin, { name: "legacy-fn", team: "Core", awsRegion: "us-east-1", functionName: "legacy-fn", alias: "live" });
    expect(s).toMatchObject({ kind: "LAMBDA", baselineVersion: "2", ecsConfig: null, targetGroup: null });
  });
});
