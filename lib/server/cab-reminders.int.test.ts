// The CAB's reminders the day before a meeting, on real PostgreSQL: its agenda is ready (with the
// number of changes to vote on) and the emergency changes awaiting their retrospective approval
// are named, once per member however many workers run the schedule, not days ahead, and never to
// people outside the CAB. Email goes out through the outbox to a real SMTP sink.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emailSender } from "@/lib/notify/email";
import { startSmtpSink, type SmtpSink } from "@/lib/notify/smtp-sink";
import { changeFormValues, createService, createUser } from "@/prisma/factories";
import { asActor } from "@/test/actors";
import { sendCabReminders, startReminderSchedule } from "./cab-reminders";
import { createChange } from "./create-change";
import { deliverDue } from "./outbox-relay";
import { scaled } from "@/test/timeouts";

const startsAt = new Date("2030-06-05T12:00:00Z"); // a Wednesday, 14:00 in Berlin: the policy's slot
const HOUR = 3_600_000;
let sink: SmtpSink;
let meetingId: string;
const people: Record<string, { id: string; email: string }> = {};
let emergency: { id: string; number: string };

beforeAll(async () => {
  sink = await startSmtpSink();
  people.lead = await createUser(db, { roles: ["ENGINEER", "CAB_MEMBER"] });
  people.sre = await createUser(db, { roles: ["SRE", "CAB_MEMBER"] });
  people.engineer = await createUser(db, { roles: ["ENGINEER"] });
  people.cto = await createUser(db, { roles: ["CTO"] });
  // The SRE asked for no agenda email: the inbox entry stays, the email does not go out.
  await db.notificationPreference.create({ data: { userId: people.sre.id, event: "cab.agenda-ready", channel: "EMAIL", enabled: false } });
  const engineer = asActor(await createUser(db, { roles: ["ENGINEER"] }));
  const service = await createService(db, { onCallUserId: engineer.id });
  meetingId = (await db.cabMeeting.create({ data: { startsAt, endsAt: new Date(startsAt.getTime() + HOUR) } })).id;
  const cr = async (summary: string, risk: "MEDIUM" | "HIGH") => createChange(engineer, changeFormValues({ serviceId: service.id, onCallUserId: engineer.id }, { summary, risk }), { submit: true });
  const onAgenda = [await cr("Raise the cache TTL", "MEDIUM"), await cr("Move the orders table", "HIGH")];
  await db.changeRequest.updateMany({ where: { id: { in: onAgenda.map((c) => c.id) } }, data: { cabMeetingId: meetingId, submittedAt: new Date("2030-06-01T09:00:00Z") } });
  emergency = await cr("Emergency hotfix for the payment outage", "HIGH");
  const at = new Date("2030-05-30T08:00:00Z"); // a Thursday: its retrospective falls due at the meeting above
  await db.changeRequest.update({ where: { id: emergency.id }, data: { emergency: true, retroStatus: "PENDING", cabMeetingId: null, createdAt: at, submittedAt: at } });
  // Email on from here: the submissions above asked the CAB by inbox only, so the outbox holds reminders alone.
  process.env.SMTP_URL = sink.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink?.close();
});

const REMINDERS = ["cab.agenda-ready", "retro.due"];
const reminders = (userId: string) => db.notification.findMany({ where: { userId, event: { in: REMINDERS } }, orderBy: { event: "asc" } });

it("three days ahead, nobody is reminded yet", async () => {
  await sendCabReminders(new Date(startsAt.getTime() - 72 * HOUR));
  expect(await db.notification.count({ where: { event: { in: REMINDERS } } })).toBe(0);
  expect(await db.outboxMessage.count({ where: { event: { in: REMINDERS } } })).toBe(0);
});

it("the day before, each CAB member is told once of the agenda and the retrospective due, however many workers run it", async () => {
  const now = new Date(startsAt.getTime() - 20 * HOUR);
  await Promise.all([sendCabReminders(now), sendCabReminders(now), sendCabReminders(now)]);
  await sendCabReminders(new Date(now.getTime() + 60_000)); // the next minute's run

  for (const member of [people.lead!, people.sre!]) {
    const mine = await reminders(member.id);
    expect(mine.map((n) => [n.event, n.href])).toEqual([
      ["cab.agenda-ready", `/cab/${meetingId}`],
      ["retro.due", `/cab/${meetingId}`],
    ]);
    expect(mine[0]!.title).toMatch(/^CAB agenda for Wed 5 Jun 2030, 14:00 .*: 2 changes to vote on$/);
    expect(mine[0]!.body).toContain("2 changes await the CAB's vote (1 high risk).");
    expect(mine[1]!.title).toMatch(/^1 retrospective approval due at the CAB on Wed 5 Jun 2030/);
    expect(mine[1]!.body).toBe(`${emergency.number}: Emergency hotfix for the payment outage`);
    expect(mine[1]!.crId).toBe(emergency.id);
  }
  expect(await reminders(people.engineer!.id)).toEqual([]);
  expect(await reminders(people.cto!.id)).toEqual([]);

  // Email per each member's choice, written once and delivered once.
  const outbox = await db.outboxMessage.findMany({ where: { event: { in: REMINDERS } }, orderBy: [{ recipient: "asc" }, { event: "asc" }] });
  expect(outbox.map((m) => [m.channel, m.recipient, m.event]).sort()).toEqual(
    [
      ["EMAIL", people.lead!.email, "cab.agenda-ready"],
      ["EMAIL", people.lead!.email, "retro.due"],
      ["EMAIL", people.sre!.email, "retro.due"],
    ].sort(),
  );
  const send = emailSender(sink.url);
  try {
    expect(await deliverDue({ EMAIL: send }, now)).toEqual({ delivered: 3, failed: 0 });
  } finally {
    send.close();
  }
  expect(sink.messages.map((m) => [m.to, m.subject.startsWith("CAB agenda") ? "agenda" : "retro"]).sort()).toEqual(
    [
      [[people.lead!.email], "agenda"],
      [[people.lead!.email], "retro"],
      [[people.sre!.email], "retro"],
    ].sort(),
  );
});

it("the schedule runs it at once and every interval, and stops cleanly", async () => {
  const later = new Date(startsAt.getTime() + 7 * 24 * HOUR - 10 * HOUR); // the day before the next week's meeting
  const schedule = startReminderSchedule({ everyMs: 50, now: () => later });
  try {
    const deadline = Date.now() + scaled(10_000);
    while ((await db.notification.count({ where: { userId: people.lead!.id, event: "cab.agenda-ready" } })) < 2) {
      if (Date.now() > deadline) throw new Error("the schedule sent no reminder for next week's meeting");
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await schedule.stop();
  }
  const next = await db.notification.findMany({ where: { userId: people.lead!.id, event: "cab.agenda-ready", NOT: { href: `/cab/${meetingId}` } } });
  expect(next).toHaveLength(1);
  expect(next[0]!.title).toMatch(/0 changes to vote on$/);
});
