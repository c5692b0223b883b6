// The meeting page's agenda on a real database: which changes, deployments and votes it picks up,
// and which it leaves out (read with SQL in cab-agenda-sql.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeFormValues, createDeployment, createService, createUser } from "@/prisma/factories";
import { asActor } from "@/test/deploy-support";
import { getMeetingAgenda, listMeetings } from "./cab-queries";
import { createChange } from "./create-change";

const startsAt = new Date("2030-06-05T12:00:00Z"); // a Wednesday, 14:00 in Berlin
const now = new Date("2030-06-05T12:05:00Z");
let meetingId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const engineer = asActor(await createUser(db, { roles: ["ENGINEER"] }));
  const lead = await createUser(db, { name: "Lena Lead", roles: ["CAB_MEMBER"] });
  const service = await createService(db, { onCallUserId: engineer.id });
  const refs = { serviceId: service.id, onCallUserId: engineer.id };
  meetingId = (await db.cabMeeting.create({ data: { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) } })).id;
  const cr = async (summary: string, over: Parameters<typeof changeFormValues>[1] = {}) =>
    (await createChange(engineer, changeFormValues(refs, { summary, ...over }), { submit: true })).id;
  ids.medium = await cr("Medium change on this agenda", { risk: "MEDIUM" });
  ids.high = await cr("High change on this agenda", { risk: "HIGH" });
  ids.elsewhere = await cr("On another meeting's agenda", { risk: "MEDIUM" });
  ids.emergency = await cr("Emergency fix awaiting its retrospective", { risk: "HIGH" });
  await db.changeRequest.updateMany({ where: { id: { in: [ids.medium, ids.high] } }, data: { cabMeetingId: meetingId, submittedAt: new Date("2030-06-01T09:00:00Z") } });
  await db.changeRequest.update({ where: { id: ids.elsewhere }, data: { cabMeetingId: null } });
  await db.changeRequest.update({ where: { id: ids.emergency }, data: { emergency: true, retroStatus: "PENDING", cabMeetingId: null, createdAt: new Date("2030-05-30T08:00:00Z"), submittedAt: new Date("2030-05-30T08:00:00Z") } });
  await db.cabAttendance.create({ data: { meetingId, userId: lead.id, at: new Date("2030-06-05T12:01:00Z") } });
  await db.approval.create({ data: { crId: ids.medium, userId: lead.id, decision: "APPROVE", roles: ["CAB_MEMBER"], round: 0, meetingId, comment: "Fine by me", createdAt: new Date("2030-06-05T12:02:00Z") } });
  ids.deployment = (await createDeployment(db, { serviceId: service.id, crId: ids.elsewhere, startedAt: new Date("2030-06-01T10:00:00Z"), finishedAt: new Date("2030-06-01T10:20:00Z"), outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC" })).id;
  await createDeployment(db, { serviceId: service.id, startedAt: new Date("2030-05-01T10:00:00Z"), finishedAt: new Date("2030-05-01T10:20:00Z") });
});

describe("a CAB meeting's agenda", () => {
  it("puts each change, deployment and vote in its section", async () => {
    const { sections } = await getMeetingAgenda(meetingId, now);
    const bySection = Object.fromEntries(
      sections.map((s) => [s.id, s.items.map((i) => (i.type === "change" ? i.crId : i.type === "deployment" ? i.deploymentId : i.incidentId))]),
    );
    expect(bySection).toEqual({ UPCOMING: [ids.medium], HIGH_RISK: [ids.high], PREVIOUS_WEEK: [ids.deployment], INCIDENT_RETRO: [ids.emergency] });
    const medium = sections[0]!.items[0]!;
    expect(medium.type === "change" && medium.votes.map((v) => [v.name, v.decision, v.comment, v.at.toISOString()])).toEqual([
      ["Lena Lead", "APPROVE", "Fine by me", "2030-06-05T12:02:00.000Z"],
    ]);
    const deployment = sections[2]!.items[0]!;
    expect(deployment.type === "deployment" && [deployment.summary, deployment.outcome]).toEqual(["On another meeting's agenda", "ROLLED_BACK"]);
  });

  it("lists who is present, with their roles", async () => {
    const { attendees } = await getMeetingAgenda(meetingId, now);
    expect(attendees.map((a) => [a.name, a.roles, a.at.toISOString()])).toEqual([["Lena Lead", ["CAB_MEMBER"], "2030-06-05T12:01:00.000Z"]]);
  });

  it("the meetings list counts the changes the agenda holds, not every change linked to the meeting", async () => {
    // Linked to the meeting but approved out of it and deployed: no longer for the board; and one cancelled.
    const engineer = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    const service = await createService(db, { onCallUserId: engineer.id });
    for (const state of ["DEPLOYED", "CANCELLED"] as const) {
      const { id } = await createChange(engineer, changeFormValues({ serviceId: service.id, onCallUserId: engineer.id }, { summary: `Linked, ${state}`, risk: "MEDIUM" }), { submit: true });
      await db.changeRequest.update({ where: { id }, data: { cabMeetingId: meetingId, state } });
    }
    const { sections } = await getMeetingAgenda(meetingId, now);
    const onAgenda = sections.filter((s) => s.id === "UPCOMING" || s.id === "HIGH_RISK").flatMap((s) => s.items);
    const listed = [...(await listMeetings(now)).upcoming, ...(await listMeetings(now)).past].find((m) => m.id === meetingId);
    expect(onAgenda).toHaveLength(2);
    expect(listed?.agendaChanges).toBe(onAgenda.length);
    expect(listed?.present).toBe(1);
  });

  it("says when the meeting does not exist", async () => {
    await expect(getMeetingAgenda("no-such-meeting", now)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
