// Running a CAB meeting on a real database: only its chair starts it (and only near its slot), walks
// the agenda, adds notes and closes it; votes, starts and closes write themselves into the minutes,
// which export as Markdown. Time is injected.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { parseMinutes } from "@/lib/domain/cab-minutes";
import { AppError } from "@/lib/errors";
import { changeFormValues, createService, createUser } from "@/prisma/factories";
import type { Role } from "@/generated/prisma/client";
import { asActor } from "@/test/actors";
import { startMeeting, takeChair } from "./cab-chair";
import { exportMeetingMinutes } from "./cab-minutes-export";
import { createChange } from "./create-change";
import { addMinutesNote, closeMeeting, markAttendance, setCurrentItem } from "./run-cab-meeting";
import { voteOnChange } from "./vote-on-change";

const MIN = 60_000;
let week = 0;
const actor = async (roles: Role[], name?: string): Promise<Actor> => asActor(await createUser(db, { roles, name }));
/** A meeting of its own, weeks apart so slots never collide; 14:00 Berlin on a Wednesday in 2031. */
async function meeting() {
  const startsAt = new Date(Date.UTC(2031, 0, 8 + 7 * week++, 13));
  return db.cabMeeting.create({ data: { startsAt, endsAt: new Date(startsAt.getTime() + 60 * MIN) } });
}
async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
const status = async (id: string) => db.cabMeeting.findUniqueOrThrow({ where: { id } });

let chair: Actor;
let member: Actor;
let cto: Actor;
let engineer: Actor;
beforeAll(async () => {
  chair = await actor(["CAB_MEMBER"], "Chris Chair");
  member = await actor(["CAB_MEMBER", "SRE"], "Sam Sre");
  cto = await actor(["CTO"], "Tess Cto");
  engineer = await actor(["ENGINEER"], "Eve Engineer");
});

describe("who starts the meeting, and when", () => {
  it("nobody starts a meeting without a chair; only the chair starts it, from 15 minutes before its slot until its end", async () => {
    const m = await meeting();
    const at = (min: number) => new Date(m.startsAt.getTime() + min * MIN);
    expect((await refusal(startMeeting(chair, { meetingId: m.id }, at(0)))).message).toBe("This meeting has no chair yet. Only the chair starts the meeting: take the chair first.");
    expect((await refusal(takeChair(engineer, { meetingId: m.id }, at(-60)))).code).toBe("FORBIDDEN");
    await takeChair(chair, { meetingId: m.id }, at(-60));
    expect((await refusal(takeChair(member, { meetingId: m.id }, at(-59)))).message).toBe("Chris Chair chairs this meeting; only the CTO can take the chair from them.");
    expect((await refusal(startMeeting(member, { meetingId: m.id }, at(0)))).message).toBe("Only the chair (Chris Chair) starts the meeting.");
    const early = await refusal(startMeeting(chair, { meetingId: m.id }, at(-16)));
    expect(early.message).toMatch(/^This CAB meeting is scheduled for .+; it can be started from 15 minutes before its slot until its planned end \(from 13:45 that day\)\.$/);
    // Members arriving before the window opens are refused too; attendance never starts the meeting.
    expect((await refusal(markAttendance(member, { meetingId: m.id, present: true }, at(-16)))).message).toMatch(/^Attendance opens 15 minutes before the meeting's slot/);
    await markAttendance(member, { meetingId: m.id, present: true }, at(-10));
    expect(await status(m.id)).toMatchObject({ status: "SCHEDULED", startedAt: null });
    await startMeeting(chair, { meetingId: m.id }, at(-10));
    expect(await status(m.id)).toMatchObject({ status: "IN_PROGRESS", startedAt: at(-10), chairId: chair.id });
    expect(await db.cabAttendance.count({ where: { meetingId: m.id } })).toBe(2);
    expect((await refusal(startMeeting(chair, { meetingId: m.id }, at(-9)))).message).toMatch(/already running/);
    const audit = await db.auditEvent.findMany({ where: { entityId: m.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["meeting.chair", "meeting.attended", "meeting.started"]);
  });

  it("a slot that has ended cannot be started", async () => {
    const m = await meeting();
    await takeChair(chair, { meetingId: m.id });
    const late = await refusal(startMeeting(chair, { meetingId: m.id }, new Date(m.endsAt.getTime())));
    expect(late.message).toMatch(/its slot has ended, so it can no longer be started/);
    expect((await status(m.id)).status).toBe("SCHEDULED");
  });

  it("two members taking a free chair at once: exactly one gets it; the CTO can take it over", async () => {
    const m = await meeting();
    const others = await Promise.all([actor(["CAB_MEMBER"]), actor(["CAB_MEMBER", "PRODUCT"]), actor(["CAB_MEMBER", "SECURITY"])]);
    const settled = await Promise.allSettled(others.map((o) => takeChair(o, { meetingId: m.id })));
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    const held = (await status(m.id)).chairId;
    expect(others.map((o) => o.id)).toContain(held);
    await takeChair(cto, { meetingId: m.id });
    expect((await status(m.id)).chairId).toBe(cto.id);
    expect(parseMinutes((await status(m.id)).minutes).map((e) => e.text)[1]).toMatch(/^Tess Cto \(CTO\) took the chair from /);
  });

  it("only the chair walks the agenda (once started), adds notes and closes; closing needs no second close", async () => {
    const m = await meeting();
    const at = (min: number) => new Date(m.startsAt.getTime() + min * MIN);
    await takeChair(chair, { meetingId: m.id });
    expect((await refusal(setCurrentItem(chair, { meetingId: m.id, item: "incident:x1" }, at(1)))).message).toMatch(/has not started/);
    await startMeeting(chair, { meetingId: m.id }, at(1));
    expect((await refusal(setCurrentItem(member, { meetingId: m.id, item: "incident:x1" }, at(2)))).message).toBe("Only the chair (Chris Chair) walks the agenda.");
    expect((await refusal(addMinutesNote(member, { meetingId: m.id, note: "mine" }, at(2)))).message).toBe("Only the chair (Chris Chair) adds notes to the minutes.");
    expect((await refusal(addMinutesNote(chair, { meetingId: m.id, note: "   " }, at(2)))).code).toBe("VALIDATION");
    expect((await refusal(closeMeeting(member, { meetingId: m.id }, at(50)))).message).toBe("Only the chair (Chris Chair) closes the meeting.");
    await closeMeeting(chair, { meetingId: m.id }, at(50));
    expect(await status(m.id)).toMatchObject({ status: "CLOSED", closedAt: at(50) });
    expect((await refusal(closeMeeting(chair, { meetingId: m.id }, at(51)))).message).toMatch(/closed/);
  });
});

describe("minutes", () => {
  it("votes, the decision, the walk, the chair's notes and the close land in order, in a Markdown export", async () => {
    const m = await meeting();
    const at = (min: number) => new Date(m.startsAt.getTime() + min * MIN);
    const requester = await actor(["ENGINEER"], "Rita Requester");
    const service = await createService(db, { onCallUserId: requester.id });
    const created = await createChange(requester, changeFormValues({ serviceId: service.id, onCallUserId: requester.id }, { summary: "Raise the | cache TTL", risk: "MEDIUM" }), { submit: true });
    await db.changeRequest.update({ where: { id: created.id }, data: { cabMeetingId: m.id } });
    await takeChair(chair, { meetingId: m.id }, at(-5));
    await startMeeting(chair, { meetingId: m.id }, at(0));
    await setCurrentItem(chair, { meetingId: m.id, item: `change:${created.id}` }, at(2));
    // Two votes at the same instant: both entries land (an atomic append, not read-modify-write).
    const third = await actor(["CAB_MEMBER", "PRODUCT"], "Pat Product");
    await Promise.all([
      voteOnChange(member, { crId: created.id, decision: "APPROVE", comment: "Rollback is tested", meetingId: m.id }, at(5)),
      voteOnChange(third, { crId: created.id, decision: "APPROVE", meetingId: m.id }, at(5)),
    ]);
    await addMinutesNote(chair, { meetingId: m.id, note: "Action: Rita to share the dashboard.\nDue Friday." }, at(6));
    await closeMeeting(chair, { meetingId: m.id }, at(40));

    const entries = parseMinutes((await status(m.id)).minutes);
    const texts = entries.map((e) => e.text);
    const n = created.number;
    expect(texts[0]).toBe("Chris Chair (Engineering lead) took the chair.");
    expect(texts[1]).toBe("Meeting started by Chris Chair (Engineering lead), chair.");
    expect(texts[2]).toBe(`Discussing ${n} “Raise the | cache TTL”.`);
    expect(texts.slice(3, 5).sort()).toEqual([`Pat Product (Product) approved ${n}`, `Sam Sre (SRE) approved ${n}: “Rollback is tested”`]);
    expect(texts[5]).toBe(`Decision: ${n} is Approved.`);
    expect(texts[6]).toBe("Note (Chris Chair): Action: Rita to share the dashboard.\nDue Friday.");
    expect(texts[7]).toBe("Meeting closed by Chris Chair (Engineering lead), chair.");
    expect(entries.map((e) => e.at?.getTime())).toEqual([at(-5), at(0), at(2), at(5), at(5), at(5), at(6), at(40)].map((d) => d.getTime()));

    const { body, filename } = await exportMeetingMinutes(m.id, at(41));
    expect(filename).toBe(`cab-minutes-${m.startsAt.toISOString().slice(0, 10)}.md`);
    expect(body).toContain("- Chair: Chris Chair");
    expect(body).toMatch(/- Present: .*Chris Chair \(Engineering lead\)/);
    expect(body).toContain(`| ${n} | Raise the \\| cache TTL | Medium | Review upcoming changes | Approved |`);
    expect(body).toContain("- **14:06** Note (Chris Chair): Action: Rita to share the dashboard.\n  Due Friday.");
    expect(body).toContain("- **14:40** Meeting closed by Chris Chair (Engineering lead), chair.");
  });

  it("a meeting that never started has no minutes to export; an unknown one is not found", async () => {
    const m = await meeting();
    expect((await refusal(exportMeetingMinutes(m.id))).code).toBe("CONFLICT");
    expect((await refusal(exportMeetingMinutes("no-such-meeting"))).code).toBe("NOT_FOUND");
  });
});
