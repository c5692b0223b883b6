import "server-only";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { meetingStartWindow } from "@/lib/domain/cab-schedule";
import { formatInZone } from "@/lib/domain/local-time";
import { auditActor, writeAudit } from "./audit";
import { getActivePolicy } from "./policy-store";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";

// Running the weekly meeting: attendance, walking the agenda, minutes, closing. Each is one small
// service with the same checks (CAB member or CTO, meeting still open) and an audit event.

const MEETING_REFUSAL = "Only CAB members and the CTO run the CAB meeting.";

async function openMeetingOrThrow(tx: Tx, meetingId: string) {
  const meeting = await tx.cabMeeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new AppError("NOT_FOUND", "That CAB meeting does not exist.");
  if (meeting.status === "CLOSED") throw new AppError("CONFLICT", "This CAB meeting is closed; it can no longer be changed.");
  return meeting;
}

/**
 * Starts a scheduled meeting — only near its slot (the policy's tolerance before it, until its planned
 * end), because votes cast while it runs count with the in-meeting quorum. Returns whether it runs.
 */
async function startIfDue(tx: Tx, meeting: { id: string; status: string; startsAt: Date; endsAt: Date }, now: Date) {
  if (meeting.status !== "SCHEDULED") return;
  const { policy } = await getActivePolicy(tx);
  const { opensAt, closesAt } = meetingStartWindow(meeting, policy);
  const slot = formatInZone(meeting.startsAt, policy.timeZone);
  if (now.getTime() < opensAt.getTime()) {
    const from = DateTime.fromJSDate(opensAt, { zone: policy.timeZone }).toFormat("HH:mm");
    throw new AppError("CONFLICT", `This CAB meeting is scheduled for ${slot}; it can be started from ${policy.cab.meeting.startToleranceMinutes} minutes before its slot until its planned end (from ${from} that day).`);
  }
  if (now.getTime() >= closesAt.getTime()) {
    throw new AppError("CONFLICT", `This CAB meeting was scheduled for ${slot} and its slot has ended, so it can no longer be started. Vote on each change's page instead.`);
  }
  // Conditional on still being scheduled: two members starting it at once record one start.
  await tx.cabMeeting.updateMany({ where: { id: meeting.id, status: "SCHEDULED" }, data: { status: "IN_PROGRESS", startedAt: now } });
}

async function audit(tx: Tx, actor: Actor, meetingId: string, action: string, after: unknown, before?: unknown) {
  await writeAudit(tx, { actor: auditActor(actor), action: `meeting.${action}`, entityType: "CabMeeting", entityId: meetingId, before, after });
}

const attendanceSchema = z.object({ meetingId: z.string().min(1), present: z.boolean() });

/** Marks the actor present (or not) at a meeting; marking present starts the meeting. */
export async function markAttendance(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "meeting:run", MEETING_REFUSAL);
  const { meetingId, present } = parseOrThrow(attendanceSchema, input);
  return db.$transaction(async (tx) => {
    const meeting = await openMeetingOrThrow(tx, meetingId);
    if (present) {
      await startIfDue(tx, meeting, now);
      await tx.cabAttendance.createMany({ data: [{ meetingId, userId: actor.id, at: now }], skipDuplicates: true });
    } else {
      await tx.cabAttendance.deleteMany({ where: { meetingId, userId: actor.id } });
    }
    await audit(tx, actor, meetingId, present ? "attended" : "left", { userId: actor.id });
  });
}

const ITEM_KEY = /^(change|deployment|incident):[A-Za-z0-9_-]{1,64}$/;
const currentItemSchema = z.object({ meetingId: z.string().min(1), item: z.string().regex(ITEM_KEY, "Unknown agenda item") });

/** Moves the "we are discussing this" marker; everyone's page highlights the same item. */
export async function setCurrentItem(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "meeting:run", MEETING_REFUSAL);
  const { meetingId, item } = parseOrThrow(currentItemSchema, input);
  return db.$transaction(async (tx) => {
    const meeting = await openMeetingOrThrow(tx, meetingId);
    await startIfDue(tx, meeting, now);
    await tx.cabMeeting.update({ where: { id: meetingId }, data: { currentItem: item } });
    await audit(tx, actor, meetingId, "item", { currentItem: item }, { currentItem: meeting.currentItem });
  });
}

const minutesSchema = z.object({ meetingId: z.string().min(1), minutes: z.string().max(20_000, "Minutes are too long (at most 20,000 characters)") });

export async function saveMinutes(actor: Actor, input: unknown) {
  assertCan(actor, "meeting:run", MEETING_REFUSAL);
  const { meetingId, minutes } = parseOrThrow(minutesSchema, input);
  return db.$transaction(async (tx) => {
    const meeting = await openMeetingOrThrow(tx, meetingId);
    await tx.cabMeeting.update({ where: { id: meetingId }, data: { minutes } });
    await audit(tx, actor, meetingId, "minutes", { length: minutes.length }, { length: meeting.minutes.length });
  });
}

/** Closes the meeting: no more votes, attendance or minutes edits through it. */
export async function closeMeeting(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "meeting:run", MEETING_REFUSAL);
  const { meetingId } = parseOrThrow(z.object({ meetingId: z.string().min(1) }), input);
  return db.$transaction(async (tx) => {
    const meeting = await openMeetingOrThrow(tx, meetingId);
    // Conditional on the status read, so two people closing at once write one event.
    const { count } = await tx.cabMeeting.updateMany({ where: { id: meetingId, status: meeting.status }, data: { status: "CLOSED", currentItem: null, closedAt: now } });
    if (count === 0) throw new AppError("STALE", "The meeting changed a moment ago. Reload and try again.");
    await audit(tx, actor, meetingId, "closed", { status: "CLOSED" }, { status: meeting.status });
  });
}
