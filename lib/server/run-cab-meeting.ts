import "server-only";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db";
import { meetingStartWindow } from "@/lib/domain/cab-schedule";
import { AppError } from "@/lib/errors";
import { appendMinutes, minutesName } from "./cab-minutes";
import { assertChair, audit, MEETING_REFUSAL, openMeetingOrThrow } from "./cab-chair";
import { getActivePolicy } from "./policy-store";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";

// Running the weekly meeting: attendance (any CAB member or the CTO), and what only its chair does —
// walking the agenda, notes in the minutes, closing. Starting and the chair itself: cab-chair.ts.

const attendanceSchema = z.object({ meetingId: z.string().min(1), present: z.boolean() });

/** Marks the actor present (or not). Attendance opens with the meeting's start window; it does not start the meeting. */
export async function markAttendance(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "meeting:run", MEETING_REFUSAL);
  const { meetingId, present } = parseOrThrow(attendanceSchema, input);
  return db.$transaction(async (tx) => {
    const meeting = await openMeetingOrThrow(tx, meetingId);
    if (present) {
      const { policy } = await getActivePolicy(tx);
      const { opensAt } = meetingStartWindow(meeting, policy);
      if (meeting.status === "SCHEDULED" && now.getTime() < opensAt.getTime()) {
        const from = DateTime.fromJSDate(opensAt, { zone: policy.timeZone }).toFormat("ccc d LLL HH:mm");
        throw new AppError("CONFLICT", `Attendance opens ${policy.cab.meeting.startToleranceMinutes} minutes before the meeting's slot (from ${from}).`);
      }
      await tx.cabAttendance.createMany({ data: [{ meetingId, userId: actor.id, at: now }], skipDuplicates: true });
    } else {
      await tx.cabAttendance.deleteMany({ where: { meetingId, userId: actor.id } });
    }
    await audit(tx, actor, meetingId, present ? "attended" : "left", { userId: actor.id });
  });
}

const ITEM_KEY = /^(change|deployment|incident):([A-Za-z0-9_-]{1,64})$/;
const currentItemSchema = z.object({ meetingId: z.string().min(1), item: z.string().regex(ITEM_KEY, "Unknown agenda item") });

/** How the minutes name an agenda item. */
async function describeItem(tx: Tx, item: string): Promise<string> {
  const [, kind, id] = ITEM_KEY.exec(item)!;
  if (kind === "change") {
    const cr = await tx.changeRequest.findUnique({ where: { id }, select: { number: true, summary: true } });
    return cr ? `${cr.number} “${cr.summary}”` : "a change";
  }
  if (kind === "incident") {
    const inc = await tx.incident.findUnique({ where: { id }, select: { title: true, severity: true } });
    return inc ? `incident “${inc.title}” (${inc.severity.replace("SEV", "SEV-")})` : "an incident";
  }
  const d = await tx.deployment.findUnique({ where: { id }, select: { functionName: true, cr: { select: { number: true } } } });
  return d ? `the deployment of ${d.cr?.number ?? d.functionName}` : "a deployment";
}

/** The chair moves the "we are discussing this" marker; everyone's page highlights the same item. */
export async function setCurrentItem(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "meeting:run", MEETING_REFUSAL);
  const { meetingId, item } = parseOrThrow(currentItemSchema, input);
  return db.$transaction(async (tx) => {
    const meeting = await openMeetingOrThrow(tx, meetingId);
    assertChair(meeting, actor, "walks the agenda");
    if (meeting.status !== "IN_PROGRESS") throw new AppError("CONFLICT", "The meeting has not started: the chair starts it first.");
    if (meeting.currentItem === item) return;
    await tx.cabMeeting.update({ where: { id: meetingId }, data: { currentItem: item } });
    await audit(tx, actor, meetingId, "item", { currentItem: item }, { currentItem: meeting.currentItem });
    await appendMinutes(tx, meetingId, now, `Discussing ${await describeItem(tx, item)}.`);
  });
}

const noteSchema = z.object({
  meetingId: z.string().min(1),
  note: z.string().trim().min(1, "Write the note first").max(4_000, "A note is at most 4,000 characters"),
});

/** The chair's own line in the minutes (a discussion point, an action item). */
export async function addMinutesNote(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "meeting:run", MEETING_REFUSAL);
  const { meetingId, note } = parseOrThrow(noteSchema, input);
  return db.$transaction(async (tx) => {
    const meeting = await openMeetingOrThrow(tx, meetingId);
    assertChair(meeting, actor, "adds notes to the minutes");
    await appendMinutes(tx, meetingId, now, `Note (${actor.name}): ${note}`);
    await audit(tx, actor, meetingId, "note", { length: note.length });
  });
}

/** The chair closes the meeting: no more votes, attendance or notes through it. */
export async function closeMeeting(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "meeting:run", MEETING_REFUSAL);
  const { meetingId } = parseOrThrow(z.object({ meetingId: z.string().min(1) }), input);
  return db.$transaction(async (tx) => {
    const meeting = await openMeetingOrThrow(tx, meetingId);
    assertChair(meeting, actor, "closes the meeting");
    // Conditional on the status read, so two closes at once write one event.
    const { count } = await tx.cabMeeting.updateMany({ where: { id: meetingId, status: meeting.status }, data: { status: "CLOSED", currentItem: null, closedAt: now } });
    if (count === 0) throw new AppError("STALE", "The meeting changed a moment ago. Reload and try again.");
    await audit(tx, actor, meetingId, "closed", { status: "CLOSED" }, { status: meeting.status });
    await appendMinutes(tx, meetingId, now, `Meeting closed by ${minutesName(actor)}, chair.`);
  });
}
