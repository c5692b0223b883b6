// Feature flags end to end on a real database and the sandbox's SSM, with the real SDK: register and
// publish, history, drift detected and never overwritten, a guarded rollout that completes and one
// that rolls back on an injected error rate, the kill switch during a rollout, and the approval
// matrix in front of every widening. The orchestrator's ticks are driven by hand on the sandbox clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { advanceDeployment } from "@/lib/deploy/advance";
import { deploymentOutcomes } from "@/lib/server/deployment-outcomes";
import { sandboxClock } from "@/lib/deploy/clock";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { parseParameterValue } from "@/lib/domain/flag-config";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import { createService } from "@/prisma/factories";
import { refusal, seedActor } from "@/test/actors";
import { applyFlagChange } from "./apply-flag-change";
import { killFlag } from "./kill-flag";
import { proposeFlagChange } from "./propose-flag-change";
import { reconcileFlag } from "./reconcile-flag";
import { registerFlag } from "./register-flag";
import { voteOnChange } from "./vote-on-change";

let aws: AwsGateways;
let control: SandboxControlClient;
let engineer: Actor, onCall: Actor, stranger: Actor;
let serviceId: string;
let fn: string;
let n = 0;

beforeAll(async () => {
  const url = process.env.CHANGEGATE_SANDBOX_URL!;
  aws = createAwsGateways({ endpoint: url, retryBaseDelayMs: 1, retryMaxDelayMs: 2 });
  control = new SandboxControlClient(url);
  [engineer, onCall, stranger] = await Promise.all([seedActor(["ENGINEER"]), seedActor(["ENGINEER"]), seedActor(["ENGINEER"])]);
  const service = await createService(db, { onCallUserId: onCall.id });
  await db.service.update({ where: { id: service.id }, data: { gateRules: { validation: { minutes: 2 } } } });
  serviceId = service.id;
  fn = service.functionName;
});
afterAll(async () => {
  await stopSenderBoss();
  aws?.destroy();
});

const deps = () => ({ lambda: aws.lambda, metrics: aws.metrics, ssm: aws.ssm, clock: sandboxClock(process.env.CHANGEGATE_SANDBOX_URL!, 0), outcomes: deploymentOutcomes });
const flagValue = async (name: string) => parseParameterValue((await aws.ssm.getParameter(name))!.value);
const lowFlag = async (risk: "LOW" | "MEDIUM" = "LOW") => registerFlag(engineer, { serviceId, name: `checkout-${process.pid}-${++n}`, description: "New pricing on checkout", risk });
const rollout = (percentage: number, steps: number[], hold = 2) => ({ enabled: true, percentage, allowlist: ["user123"], rollout: steps.map((p) => ({ percentage: p, holdMinutes: hold })) });

/** Ticks the rollout, moving the sandbox clock a minute between ticks, until it ends. */
async function drive(id: string, maxTicks = 60) {
  for (let i = 0; i < maxTicks; i++) {
    const d = await db.deployment.findUniqueOrThrow({ where: { id } });
    if (["SUCCEEDED", "ROLLED_BACK", "FAILED"].includes(d.state)) return d;
    await advanceDeployment(deps(), id);
    await control.advance(60);
  }
  throw new Error(`rollout ${id} did not end in ${maxTicks} ticks`);
}

describe("feature flags", () => {
  it("registering publishes the flag off in the seed's JSON shape, and records its version", async () => {
    const flag = await lowFlag();
    expect(flag).toMatchObject({ parameterName: `/features/${flag.name}`, enabled: false, percentage: 0, parameterVersion: 1 });
    const raw = JSON.parse((await aws.ssm.getParameter(flag.parameterName))!.value) as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(["createdAt", "createdBy", "description", "enabled", "percentage", "stickiness", "whitelist"]);
    expect(raw).toMatchObject({ enabled: false, percentage: 0, whitelist: [], description: "New pricing on checkout", createdBy: engineer.name });
    const bad = await refusal(registerFlag(engineer, { serviceId, name: "has space", description: "x y z", risk: "LOW" }));
    expect(bad.fields?.name).toMatch(/1–128 letters/);
  });

  it("a Low-risk guarded rollout publishes each step, holds it under the gates, and completes", async () => {
    const flag = await lowFlag();
    const cr = await proposeFlagChange(engineer, { flagId: flag.id, justification: "Ship new pricing", target: rollout(25, [5, 25]) });
    expect(cr).toMatchObject({ state: "APPROVED", flagBaseVersion: 1 });
    const d = await applyFlagChange(engineer, cr.id, { ssm: aws.ssm, enqueue: false });
    const end = await drive(d.id);
    expect(end.state).toBe("SUCCEEDED");
    expect(await flagValue(flag.parameterName)).toEqual({ enabled: true, percentage: 25, allowlist: ["user123"] });
    const history = await aws.ssm.history(flag.parameterName);
    expect(history.map((h) => parseParameterValue(h.value)?.percentage)).toEqual([0, 5, 25]);
    expect((await db.featureFlag.findUniqueOrThrow({ where: { id: flag.id } })).parameterVersion).toBe(3);
    expect((await db.flagChange.findMany({ where: { flagId: flag.id }, orderBy: { id: "asc" } })).map((c) => c.kind)).toEqual(["CREATED", "ROLLOUT_STEP", "ROLLOUT_STEP"]);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } })).state).toBe("DEPLOYED");
  });

  it("an injected error rate during a hold rolls the flag back to its last good state", async () => {
    const flag = await lowFlag();
    const first = await proposeFlagChange(engineer, { flagId: flag.id, justification: "10 % first", target: { enabled: true, percentage: 10, allowlist: [], rollout: [] } });
    expect((await drive((await applyFlagChange(engineer, first.id, { ssm: aws.ssm, enqueue: false })).id)).state).toBe("SUCCEEDED");
    const cr = await proposeFlagChange(engineer, { flagId: flag.id, justification: "Then 50 %", target: rollout(50, [25, 50], 5) });
    const d = await applyFlagChange(engineer, cr.id, { ssm: aws.ssm, enqueue: false });
    await control.injectFault(fn, "1", { errorRate: 0.6 });
    try {
      const end = await drive(d.id);
      expect(end.state).toBe("ROLLED_BACK");
      expect(end.reason).toMatch(/gate breached/i);
    } finally {
      await control.clearFault(fn, "1");
    }
    expect(await flagValue(flag.parameterName)).toEqual({ enabled: true, percentage: 10, allowlist: [] });
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } })).state).toBe("ROLLED_BACK");
  });

  it("a parameter changed outside Changegate is reported, refuses new proposals, and a rollout stops without overwriting it", async () => {
    const flag = await lowFlag();
    const cr = await proposeFlagChange(engineer, { flagId: flag.id, justification: "Try 5 %", target: rollout(20, [5, 20]) });
    const d = await applyFlagChange(engineer, cr.id, { ssm: aws.ssm, enqueue: false });
    for (let i = 0; i < 3; i++) await advanceDeployment(deps(), d.id);
    const handValue = JSON.stringify({ enabled: true, percentage: 90, whitelist: [], description: "edited in the console", createdAt: "2024-01-15T00:00:00Z", createdBy: "ops" });
    await control.putParameter({ name: flag.parameterName, value: handValue });
    const end = await drive(d.id);
    expect(end.state).toBe("FAILED");
    expect(end.reason).toMatch(/changed outside Changegate/);
    expect((await aws.ssm.getParameter(flag.parameterName))!.value).toBe(handValue);
    expect(await db.flagChange.count({ where: { flagId: flag.id, kind: "DRIFT" } })).toBe(1);
    const again = await refusal(proposeFlagChange(engineer, { flagId: flag.id, justification: "again", target: rollout(30, []) }), "CONFLICT");
    expect(again.message).toMatch(/changed outside Changegate/);
    // The on-call engineer accepts what SSM holds (nothing is written), and proposals are decided against it.
    expect((await refusal(reconcileFlag(stranger, { flagId: flag.id, reason: "ok" }))).code).toBe("FORBIDDEN");
    const versions = (await aws.ssm.history(flag.parameterName)).length;
    expect(await reconcileFlag(onCall, { flagId: flag.id, reason: "ops raised it in the console during the incident" })).toMatchObject({ holds: "on, 90 %" });
    expect((await aws.ssm.history(flag.parameterName)).length).toBe(versions);
    expect(await db.featureFlag.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({ enabled: true, percentage: 90 });
    const next = await proposeFlagChange(engineer, { flagId: flag.id, justification: "all the way", target: rollout(100, []) });
    expect(next.state).toBe("APPROVED");
  });

  it("the kill switch turns the flag off at once during a rollout, for the permitted only, with a reason", async () => {
    const flag = await lowFlag();
    const cr = await proposeFlagChange(engineer, { flagId: flag.id, justification: "Slow rollout", target: rollout(50, [10, 50], 30) });
    const d = await applyFlagChange(engineer, cr.id, { ssm: aws.ssm, enqueue: false });
    for (let i = 0; i < 3; i++) await advanceDeployment(deps(), d.id);
    expect((await flagValue(flag.parameterName))?.percentage).toBe(10);
    expect((await refusal(killFlag(stranger, { flagId: flag.id, reason: "why not" }))).code).toBe("FORBIDDEN");
    expect((await refusal(killFlag(onCall, { flagId: flag.id, reason: " " }))).fields?.reason).toMatch(/Say why/);
    const killed = await killFlag(onCall, { flagId: flag.id, reason: "Checkout errors" });
    expect(killed.stoppedRollout).toBe(d.id);
    expect((await flagValue(flag.parameterName))?.enabled).toBe(false);
    const row = await db.deployment.findUniqueOrThrow({ where: { id: d.id }, include: { cr: true } });
    expect(row).toMatchObject({ state: "ROLLED_BACK", activeLock: null });
    expect(row.cr?.state).toBe("ROLLED_BACK");
    // The stopped rollout writes nothing more.
    const versions = (await aws.ssm.history(flag.parameterName)).length;
    await advanceDeployment(deps(), d.id);
    expect((await aws.ssm.history(flag.parameterName)).length).toBe(versions);
    expect((await refusal(killFlag(onCall, { flagId: flag.id, reason: "again" }))).message).toMatch(/already off/);
  });

  it("a Medium-risk flag change waits for the CAB like a deploy; off is never proposed", async () => {
    const flag = await lowFlag("MEDIUM");
    const cr = await proposeFlagChange(engineer, { flagId: flag.id, justification: "Turn on", target: rollout(100, []) });
    expect(cr.state).toBe("SUBMITTED");
    const early = await refusal(applyFlagChange(engineer, cr.id, { ssm: aws.ssm, enqueue: false }), "NOT_READY");
    expect(early.message).toMatch(/CAB/);
    const [a, b, c] = await Promise.all([seedActor(["CAB_MEMBER"]), seedActor(["CAB_MEMBER", "SRE"]), seedActor(["CAB_MEMBER", "PRODUCT"])]);
    for (const m of [a!, b!, c!]) await voteOnChange(m, { crId: cr.id, decision: "APPROVE" });
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } })).state).toBe("APPROVED");
    const off = await refusal(proposeFlagChange(engineer, { flagId: flag.id, justification: "off", target: { enabled: false, percentage: 0, allowlist: [], rollout: [] } }));
    expect(off.message).toMatch(/kill switch|already off/);
    const dup = await refusal(proposeFlagChange(engineer, { flagId: flag.id, justification: "a half percent", target: { enabled: true, percentage: 10.5, allowlist: ["a", "a"], rollout: [] } }));
    expect(Object.values(dup.fields ?? {}).join(" ")).toMatch(/whole number|twice/);
  });
});
