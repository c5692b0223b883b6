// My work lists, for each role, exactly what the services would accept from that person now: a vote
// disappears once cast, a verbal approval once recorded, one's own change never asks one's vote.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Role } from "@/lib/domain/vocabulary";
import { createDeployment, createReadyChange, createService, createUser } from "@/prisma/factories";
import { myWork, navCounts } from "./my-work";
import { getActivePolicy } from "./policy-store";

const now = new Date();
const asActor = (u: { id: string; name: string; email: string; roles: Role[] }): Actor => ({ id: u.id, name: u.name, email: u.email, roles: u.roles });
let engineer: Actor, cab: Actor, cto: Actor, manager: Actor, onCall: Actor;
const ids: Record<string, string> = {};

async function change(name: string, data: Record<string, unknown>) {
  const cr = await createReadyChange(db, { serviceId: ids.service!, requesterId: engineer.id, targetVersion: "2", summary: name, codeSha256: "sha" });
  await db.changeRequest.update({ where: { id: cr.id }, data: { policyVersionId: ids.policy, ...data } });
  ids[name] = cr.id;
  return cr;
}

beforeAll(async () => {
  engineer = asActor(await createUser(db, { roles: ["ENGINEER"] }));
  cab = asActor(await createUser(db, { roles: ["CAB_MEMBER"] }));
  cto = asActor(await createUser(db, { roles: ["CTO"] }));
  manager = asActor(await createUser(db, { roles: ["ENG_MANAGER"] }));
  onCall = asActor(await createUser(db, { roles: ["SRE"] }));
  ids.service = (await createService(db, { onCallUserId: onCall.id })).id;
  ids.policy = (await getActivePolicy()).id;
  const meeting = await db.cabMeeting.create({ data: { startsAt: new Date(now.getTime() + 86_400_000), endsAt: new Date(now.getTime() + 90_000_000) } });
  ids.meeting = meeting.id;
  await change("medium", { state: "SUBMITTED", risk: "MEDIUM", cabMeetingId: meeting.id });
  await change("high", { state: "SUBMITTED", risk: "HIGH", onCallUserId: onCall.id });
  await change("high-approved", { state: "APPROVED", risk: "HIGH", onCallUserId: onCall.id, onCallConfirmedAt: null });
  await change("emergency", { state: "SUBMITTED", emergency: true, retroStatus: "PENDING" });
  await change("sent-back", { state: "DRAFT", risk: "MEDIUM" });
  await db.approval.create({ data: { crId: ids["sent-back"]!, userId: cab.id, kind: "STANDARD", decision: "REQUEST_CHANGES", roles: ["CAB_MEMBER"], round: 0, comment: "Add a rollback test" } });
  await change("rejected", { state: "REJECTED", risk: "MEDIUM" });
  await change("ready", { state: "APPROVED" });
  await change("draft", { state: "DRAFT", submittedAt: null });
  const running = await change("deploying", { state: "DEPLOYING" });
  ids.running = (await createDeployment(db, { serviceId: ids.service!, crId: running.id, startedAt: now, outcome: null })).id;
  ids.rolledBack = (await createDeployment(db, { serviceId: ids.service!, crId: ids.ready!, startedAt: new Date(now.getTime() - 3_600_000), outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC", reason: "error rate 7 % over 5 %" })).id;
  await createDeployment(db, { serviceId: ids.service!, crId: ids.ready!, startedAt: new Date(now.getTime() - 30 * 86_400_000), outcome: "ROLLED_BACK" });
});

const numbersOf = (items: { cr: { id: string } }[]) => items.map((i) => i.cr.id).sort();

describe("my work", () => {
  it("a CAB member is asked to vote on submitted standard changes (with their meeting) and the emergency's retrospective", async () => {
    const w = await myWork(cab, now);
    expect(numbersOf(w.votes)).toEqual([ids.high, ids.medium].sort());
    expect(w.votes.find((v) => v.cr.id === ids.medium)!.cr.meeting?.id).toBe(ids.meeting);
    expect(numbersOf(w.retro)).toEqual([ids.emergency]);
    expect(w.retro[0]!.due?.at).toBeInstanceOf(Date);
    expect(w.ctoSignOffs).toEqual([]);
    expect(w.verbal).toEqual([]);
  });

  it("a vote once cast leaves the list, and the nav count follows", async () => {
    const voter = asActor(await createUser(db, { roles: ["CAB_MEMBER"] }));
    expect((await navCounts(voter, now)).work).toBe(3);
    await db.approval.create({ data: { crId: ids.medium!, userId: voter.id, kind: "STANDARD", decision: "APPROVE", roles: ["CAB_MEMBER"], round: 0 } });
    const w = await myWork(voter, now);
    expect(numbersOf(w.votes)).toEqual([ids.high]);
    expect((await navCounts(voter, now)).work).toBe(w.count);
  });

  it("the CTO is asked to sign off the High change only", async () => {
    const w = await myWork(cto, now);
    expect(numbersOf(w.ctoSignOffs)).toEqual([ids.high]);
    expect(w.votes).toEqual([]);
  });

  it("a manager is asked for the emergency's verbal approval until one is recorded", async () => {
    expect(numbersOf((await myWork(manager, now)).verbal)).toEqual([ids.emergency]);
    const other = await createUser(db, { roles: ["ENG_MANAGER"] });
    await db.approval.create({ data: { crId: ids.emergency!, userId: other.id, kind: "VERBAL_EMERGENCY", decision: "APPROVE", roles: ["ENG_MANAGER"], round: 0, createdAt: now } });
    expect((await myWork(manager, now)).verbal).toEqual([]);
    await db.approval.deleteMany({ where: { crId: ids.emergency!, kind: "VERBAL_EMERGENCY" } });
  });

  it("the on-call engineer is asked to confirm presence where the rule needs it (High), not elsewhere", async () => {
    const w = await myWork(onCall, now);
    expect(numbersOf(w.onCall)).toEqual([ids.high, ids["high-approved"]].sort());
    expect(w.onCall[0]!.detail).toMatch(/not confirmed present/);
    await db.changeRequest.update({ where: { id: ids["high-approved"]! }, data: { onCallConfirmedAt: now } });
    expect(numbersOf((await myWork(onCall, now)).onCall)).toEqual([ids.high]);
  });

  it("the requester sees changes sent back with the reason, approved changes with readiness, live deployments and recent rollbacks", async () => {
    const w = await myWork(engineer, now);
    expect(w.votes).toEqual([]); // never asked to vote on one's own change, nor holding the permission
    expect(w.sentBack.map((i) => [i.cr.id, i.kind])).toEqual(expect.arrayContaining([[ids["sent-back"], "CHANGES_REQUESTED"], [ids.rejected, "REJECTED"]]));
    expect(w.sentBack.find((i) => i.kind === "CHANGES_REQUESTED")!.detail).toContain("Add a rollback test");
    const ready = w.toDeploy.find((t) => t.item.cr.id === ids.ready)!;
    expect(ready.readiness.ready).toBe(true);
    const high = w.toDeploy.find((t) => t.item.cr.id === ids["high-approved"])!;
    expect(high.readiness.ready).toBe(false);
    expect(w.deployments.map((d) => d.id)).toEqual([ids.running]);
    expect(w.rollbacks.map((d) => [d.id, d.reason])).toEqual([[ids.rolledBack, "error rate 7 % over 5 %"]]);
    expect(w.toDeploy.some((t) => t.item.cr.id === ids.draft) || w.sentBack.some((i) => i.cr.id === ids.draft)).toBe(false);
  });

  it("someone unrelated has nothing, and the nav counts unread inbox entries of their own only", async () => {
    const bystander = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    await db.notification.createMany({
      data: [
        { userId: bystander.id, event: "change.approved", eventKey: "a:1", title: "A", body: "b" },
        { userId: bystander.id, event: "change.approved", eventKey: "a:2", title: "B", body: "b", readAt: now },
        { userId: engineer.id, event: "change.approved", eventKey: "a:1", title: "C", body: "b" },
      ],
    });
    expect((await myWork(bystander, now)).count).toBe(0);
    expect(await navCounts(bystander, now)).toEqual({ work: 0, unread: 1 });
  });

  it("people with the same permissions each get their own work, whoever asked first (the read's statement is compiled once per set of permissions)", async () => {
    const first = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    const own = await change("first's approved", { state: "APPROVED", requesterId: first.id });
    expect(numbersOf((await myWork(first, now)).toDeploy.map((t) => t.item))).toEqual([own.id]);
    const mine = numbersOf((await myWork(engineer, now)).toDeploy.map((t) => t.item));
    expect(mine).toContain(ids.ready);
    expect(mine).not.toContain(own.id);
    expect(numbersOf((await myWork(first, now)).toDeploy.map((t) => t.item))).toEqual([own.id]);
  });
});
