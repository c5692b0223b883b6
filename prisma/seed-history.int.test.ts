// The demo seed's delivery history is what the portal and the orchestrator made, so it obeys their
// rules: every deployment belongs to an approved CR that reached the matching state, its plan is its
// strategy's and its traffic moved as that plan says, a breach lies within its deployment, a manual
// rollback reverts a deployment it followed, the hotfix names a deployment of its own service that
// went wrong, the CAB's "previous week" lists deployments with their CR numbers, and the sandbox's
// aliases serve what the last deployment left.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { buildTrafficPlan } from "@/lib/domain/traffic-plan";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { agendaDeployments } from "@/lib/server/cab-agenda-sql";
import { scaled } from "@/test/timeouts";
import { seedDemo } from "./seed-demo";

const DAY = 86_400_000;
let sandbox: SandboxHandle;
let seededAt: Date;

beforeAll(async () => {
  // Two and a half weeks of history (npm start makes ten): the demo functions on a clock that far back.
  sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 7, seedDemo: true, startTime: new Date(Date.now() - 17 * DAY) });
  process.env.CHANGEGATE_SANDBOX_URL = sandbox.url;
  await seedDemo(db, () => {});
  seededAt = new Date();
}, scaled(900_000));
afterAll(() => sandbox?.close());

const deploys = () => db.deployment.findMany({ where: { kind: "DEPLOY" }, include: { cr: { include: { approvals: true } }, events: { orderBy: { at: "asc" } } } });

describe("demo delivery history", () => {
  it("ends in the present: the sandbox clock is back at now, every deployment finished in the past", async () => {
    const clock = await sandbox.control.clock();
    expect(Math.abs(clock.nowMs - seededAt.getTime())).toBeLessThan(scaled(60_000));
    const all = await db.deployment.findMany();
    expect(all.length).toBeGreaterThan(8);
    for (const d of all) {
      expect(d.outcome).not.toBeNull();
      expect(d.startedAt.getTime()).toBeGreaterThan(seededAt.getTime() - 18 * DAY);
      expect(d.finishedAt!.getTime()).toBeGreaterThanOrEqual(d.startedAt.getTime());
      expect(d.finishedAt!.getTime()).toBeLessThan(seededAt.getTime());
    }
  });

  it("links every deployment to a CR approved before it started that reached the matching state", async () => {
    const expected: Record<string, string[]> = { SUCCEEDED: ["DEPLOYED"], ROLLED_BACK: ["ROLLED_BACK"], FAILED: ["FAILED"] };
    for (const d of await deploys()) {
      expect(d.cr, d.id).not.toBeNull();
      expect(d.cr!.serviceId).toBe(d.serviceId);
      expect(d.cr!.targetVersion).toBe(d.toVersion);
      expect(expected[d.outcome!]).toContain(d.cr!.state);
      expect(d.cr!.submittedAt!.getTime()).toBeLessThan(d.startedAt.getTime());
      expect(d.cr!.approvals.some((a) => a.decision === "APPROVE" && a.createdAt.getTime() <= d.startedAt.getTime())).toBe(true);
    }
  });

  it("plans as the strategy does, shifts traffic in that order, and detects a breach while the deployment ran", async () => {
    const all = await deploys();
    for (const d of all) {
      const steps = buildTrafficPlan(d.strategy).steps;
      expect(d.plan).toEqual(steps);
      const shifted = d.events.filter((e) => e.kind === "SHIFTED").map((e) => (e.data as { weight: number }).weight);
      expect(shifted).toEqual(steps.map((s) => s.weight).slice(0, shifted.length));
      // A later manual rollback notes itself on the deployment it reverted, after that one finished.
      for (const e of d.events.filter((x) => x.kind !== "MANUAL_ROLLBACK")) {
        expect(e.at.getTime()).toBeGreaterThanOrEqual(d.startedAt.getTime());
        expect(e.at.getTime()).toBeLessThanOrEqual(d.finishedAt!.getTime());
      }
      if (d.rollbackKind === "AUTOMATIC") {
        expect(d.issueDetectedAt!.getTime()).toBeGreaterThanOrEqual(d.startedAt.getTime());
        expect(d.issueDetectedAt!.getTime()).toBeLessThanOrEqual(d.finishedAt!.getTime());
      }
    }
    const breached = all.filter((d) => d.events.some((e) => e.kind === "GATE_BREACHED" || e.kind === "ALARM_BREACHED"));
    expect(breached.length).toBeGreaterThan(0);
    for (const d of breached) expect(d).toMatchObject({ outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC" });
    expect(all.some((d) => d.outcome === "FAILED")).toBe(true);
  });

  it("rolls back by hand through the rollback service: after the deployment it reverts, problem seen in between", async () => {
    const rollbacks = await db.deployment.findMany({ where: { kind: "ROLLBACK" }, include: { reverts: true } });
    expect(rollbacks.length).toBeGreaterThan(0);
    for (const r of rollbacks) {
      expect(r).toMatchObject({ outcome: "SUCCEEDED", rollbackKind: "MANUAL" });
      expect(r.reverts).toMatchObject({ outcome: "ROLLED_BACK", rollbackKind: "MANUAL", serviceId: r.serviceId });
      expect(r.startedAt.getTime()).toBeGreaterThan(r.reverts!.finishedAt!.getTime());
      expect(r.reverts!.issueDetectedAt!.getTime()).toBeGreaterThanOrEqual(r.reverts!.startedAt.getTime());
      expect(r.reverts!.issueDetectedAt!.getTime()).toBeLessThanOrEqual(r.finishedAt!.getTime());
    }
  });

  it("keeps each change's audit trail in its history: filed before its deployment started, ended when the deployment did", async () => {
    for (const d of await deploys()) {
      const trail = await db.auditEvent.findMany({ where: { crId: d.crId }, orderBy: { id: "asc" } });
      expect(trail.find((e) => e.action === "change.created")!.at.getTime()).toBeLessThan(d.startedAt.getTime());
      // The orchestrator's own end (a later manual rollback changes the outcome, not that event).
      const ended = trail.find((e) => ["deployment.succeeded", "deployment.failed", "deployment.rolled_back"].includes(e.action) && e.entityId === d.id)!;
      expect(ended.at.getTime()).toBeGreaterThanOrEqual(d.finishedAt!.getTime());
      expect(ended.at.getTime()).toBeLessThan(seededAt.getTime() - 3_600_000);
    }
  });

  it("files a live hotfix naming a deployment of its own service that went wrong", async () => {
    const hotfix = await db.changeRequest.findFirstOrThrow({ where: { hotfixForDeploymentId: { not: null } }, include: { hotfixFor: true } });
    expect(["CANCELLED", "REJECTED"]).not.toContain(hotfix.state);
    expect(hotfix.hotfixFor!.serviceId).toBe(hotfix.serviceId);
    expect(hotfix.hotfixFor!.outcome).not.toBe("SUCCEEDED");
    expect(hotfix.createdAt.getTime()).toBeGreaterThan(hotfix.hotfixFor!.finishedAt!.getTime());
  });

  it("shows the CAB's previous week with CR numbers", async () => {
    const week = await agendaDeployments(new Date(seededAt.getTime() - 7 * DAY), seededAt);
    expect(week.length).toBeGreaterThan(0);
    for (const d of week) expect(d.crNumber).toMatch(/^CR-\d{4}-\d+$/);
  });

  it("holds the CAB meetings the history passed: chaired, attended, closed", async () => {
    const past = await db.cabMeeting.findMany({ where: { endsAt: { lt: seededAt } }, include: { attendees: true } });
    expect(past.length).toBeGreaterThan(0);
    for (const m of past) {
      expect(m.status).toBe("CLOSED");
      expect(m.attendees.length).toBeGreaterThanOrEqual(4);
      expect(m.closedAt!.getTime()).toBeGreaterThan(m.startsAt.getTime());
    }
  });

  it("leaves each demo alias on what its last deployment or rollback put there", async () => {
    const state = await sandbox.control.state();
    for (const s of await db.service.findMany({ where: { kind: "LAMBDA" } })) {
      const last = await db.deployment.findFirst({ where: { serviceId: s.id }, orderBy: { finishedAt: "desc" } });
      if (!last) continue;
      const alias = state.functions.find((f) => f.name === s.functionName)?.aliases.find((a) => a.name === s.alias);
      const serving = last.kind === "ROLLBACK" || last.outcome === "SUCCEEDED" ? last.toVersion : last.fromVersion;
      expect(alias?.functionVersion, s.name).toBe(serving);
      expect(alias?.weights).toEqual({});
    }
  });
});
