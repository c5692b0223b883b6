// The readiness inputs are read with one SQL statement; this checks them against the same data read
// through the ORM, on a CR that has every kind of input: votes by named people and a CI token, gate
// results, an incident, a freeze window in force, another deployment holding the alias.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDeployment, createReadyChange, createService, createUser } from "@/prisma/factories";
import { DEFAULT_POLICY } from "@/lib/domain/policy";
import { getActivePolicy } from "./policy-store";
import { getChangeReadiness } from "./change-readiness";

const now = new Date("2026-03-29T01:30:00.123Z");
let crId: string;
let blockingDeploymentId: string;

beforeAll(async () => {
  const requester = await createUser(db, { roles: ["ENGINEER"] });
  const lead = await createUser(db, { roles: ["CAB_MEMBER", "CTO"] });
  const service = await createService(db, { onCallUserId: requester.id });
  const policy = await getActivePolicy();
  const incident = await db.incident.create({ data: { severity: "SEV1", title: "Checkout down", description: "x", declaredById: requester.id, resolvedAt: new Date("2026-03-29T00:59:59.999Z") } });
  const cr = await createReadyChange(db, { serviceId: service.id, requesterId: requester.id, targetVersion: "12" });
  await db.changeRequest.update({ where: { id: cr.id }, data: { incidentId: incident.id, emergency: true, policyVersionId: policy.id, onCallConfirmedAt: new Date("2026-03-28T23:00:00.001Z") } });
  await db.approval.create({ data: { crId: cr.id, userId: lead.id, kind: "STANDARD", decision: "REJECT", roles: ["CAB_MEMBER", "CTO"], round: 0, comment: "Not tonight", createdAt: new Date("2026-03-29T00:10:00.456Z") } });
  await db.gateResult.create({ data: { crId: cr.id, gate: "LOAD_TEST", version: "12", passed: false, value: 612.5, codeSha256: cr.targetCodeSha256, reportedById: requester.id } });
  // A vote cast in a meeting that ran: its span comes with it.
  const meeting = await db.cabMeeting.create({
    data: { startsAt: new Date("2026-03-25T13:00:00Z"), endsAt: new Date("2026-03-25T14:00:00Z"), status: "CLOSED", startedAt: new Date("2026-03-25T12:58:00.250Z"), closedAt: new Date("2026-03-25T13:50:00Z") },
  });
  const sre = await createUser(db, { roles: ["CAB_MEMBER", "SRE"] });
  await db.approval.create({ data: { crId: cr.id, userId: sre.id, kind: "RETROSPECTIVE", decision: "APPROVE", roles: ["CAB_MEMBER", "SRE"], round: 0, meetingId: meeting.id, createdAt: new Date("2026-03-25T13:10:00Z") } });
  await db.freezeWindow.createMany({
    data: [
      { name: "Spring freeze", startsAt: new Date("2026-03-28T00:00:00Z"), endsAt: new Date("2026-03-30T00:00:00Z"), createdById: requester.id },
      { name: "Over", startsAt: new Date("2026-03-01T00:00:00Z"), endsAt: new Date("2026-03-02T00:00:00Z"), createdById: requester.id },
    ],
  });
  const other = await createDeployment(db, { serviceId: service.id, startedAt: new Date("2026-03-29T01:00:00Z"), outcome: null });
  await db.deployment.update({ where: { id: other.id }, data: { activeLock: `${service.awsRegion}:${service.functionName}:${service.alias}` } });
  crId = cr.id;
  blockingDeploymentId = other.id;
});

describe("readiness inputs read with SQL", () => {
  it("equal the same rows read through the ORM", async () => {
    const { input, policyVersion } = await getChangeReadiness(crId, now);
    const cr = await db.changeRequest.findUniqueOrThrow({ where: { id: crId }, include: { approvals: { include: { user: true, meeting: true } }, gateResults: true, incident: true } });
    expect(cr.targetCodeSha256).toMatch(/./);
    expect(input.cr).toEqual({
      id: cr.id, state: cr.state, risk: cr.risk, requesterId: cr.requesterId, approvalRound: cr.approvalRound, emergency: true,
      targetVersion: "12", targetCodeSha256: cr.targetCodeSha256, flagId: null, flagBaseVersion: null, onCallUserId: cr.onCallUserId, onCallConfirmedAt: cr.onCallConfirmedAt, windowStart: cr.windowStart,
      windowDurationMin: cr.windowDurationMin, windowTimeZone: cr.windowTimeZone,
    });
    const byKind = [...input.approvals].sort((a, b) => a.kind.localeCompare(b.kind));
    expect(byKind).toEqual(
      [...cr.approvals].sort((a, b) => a.kind.localeCompare(b.kind)).map((a) => ({
        userId: a.userId, userName: a.user?.name ?? null, roles: a.roles, kind: a.kind, decision: a.decision, round: a.round,
        createdAt: a.createdAt, meetingId: a.meetingId, tokenId: a.tokenId, comment: a.comment,
        meeting: a.meeting ? { startedAt: a.meeting.startedAt, closedAt: a.meeting.closedAt, endsAt: a.meeting.endsAt } : null,
      })),
    );
    expect(byKind.find((a) => a.kind === "STANDARD")?.createdAt.toISOString()).toBe("2026-03-29T00:10:00.456Z");
    expect([...input.gateResults].sort((a, b) => a.gate.localeCompare(b.gate))).toEqual(
      [...cr.gateResults].sort((a, b) => a.gate.localeCompare(b.gate)).map((g) => ({ gate: g.gate, version: g.version, passed: g.passed, value: g.value, createdAt: g.createdAt, reportedById: g.reportedById, codeSha256: g.codeSha256 })),
    );
    expect(byKind.find((a) => a.kind === "RETROSPECTIVE")?.meeting?.startedAt?.toISOString()).toBe("2026-03-25T12:58:00.250Z");
    expect(input.incident).toEqual({ id: cr.incident!.id, severity: "SEV1", title: "Checkout down", declaredAt: cr.incident!.declaredAt, resolvedAt: new Date("2026-03-29T00:59:59.999Z") });
    expect(input.freezeWindows).toEqual([{ name: "Spring freeze", startsAt: new Date("2026-03-28T00:00:00Z"), endsAt: new Date("2026-03-30T00:00:00Z") }]);
    expect(input.deployment).toEqual({ id: blockingDeploymentId, crId: null, kind: "DEPLOY" });
    expect(policyVersion).toBe((await getActivePolicy()).version);
  });

  it("says why the CR may not deploy, from those inputs", async () => {
    const { readiness } = await getChangeReadiness(crId, now);
    expect(readiness.ready).toBe(false);
    const codes = readiness.ready ? [] : readiness.missing.map((m) => m.code);
    // An emergency CR: the manager's verbal approval is missing, its incident is over, the alias is busy.
    expect([...codes].sort()).toEqual(["DEPLOYMENT_ACTIVE", "INCIDENT", "VERBAL_APPROVAL"]);
  });

  it("finds the CR by its number as well as by its id", async () => {
    const byId = await getChangeReadiness(crId, now);
    const byNumber = await getChangeReadiness(byId.cr.number, now);
    expect(byNumber.cr).toEqual(byId.cr);
    expect(byNumber.input).toEqual(byId.input);
  });

  it("judges a pinned CR by its pinned policy version, and an unpinned one by the latest", async () => {
    const pinned = await getChangeReadiness(crId, now);
    const latest = await db.policyVersion.create({ data: { version: pinned.policyVersion + 1, body: DEFAULT_POLICY as object, note: "a later version" } });
    const requester = await createUser(db, { roles: ["ENGINEER"] });
    const service = await createService(db, { onCallUserId: requester.id });
    const unpinned = await createReadyChange(db, { serviceId: service.id, requesterId: requester.id, targetVersion: "3" });
    expect((await getChangeReadiness(crId, now)).policyVersion).toBe(pinned.policyVersion);
    expect((await getChangeReadiness(unpinned.id, now)).policyVersionId).toBe(latest.id);
  });

  it("reports an unknown CR as not found", async () => {
    await expect(getChangeReadiness("no-such-cr", now)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
