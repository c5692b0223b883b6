import "server-only";
// Who runs the meeting. Every meeting has one chair (CabMeeting.chairId): a CAB member or the CTO who
// took the chair. Only the chair starts it (near its slot), walks the agenda, adds notes and closes it,
// so one person is accountable for what the board decided and when.
import { DateTime } from "luxon";
import { z } from "zod";
import { can, type Actor } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db";
import { meetingStartWindow } from "@/lib/domain/cab-schedule";
import { formatInZone } from "@/lib/domain/local-time";
import { AppError } from "@/lib/errors";
import type { CabMeeting } from "@/generated/prisma/client";
import { auditActor, writeAudit } from "./audit";
import { appendMinutes, minutesName } from "./cab-minutes";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";
import { getActivePolicy } from "./policy-store";

export const MEETING_REFUSAL = "Only CAB members and the CTO run the CAB meeting.";
const meetingInput = z.object({ meetingId: z.string().min(1, "meetingId is required") });

export async function openMeetingOrThrow(tx: Tx, meetingId: string) {
  const meeting = await tx.cabMeeting.findUnique({ where: { id: meetingId }, include: { chair: { select: { name: true } } } });
  if (!meeting) throw new AppError("NOT_FOUND", "That CAB meeting does not exist.");
  if (meeting.status === "CLOSED") throw new AppError("CONFLICT", "This CAB meeting is closed; it can no longer be changed.");
  return meeting;
}

/** Refuses anyone but the meeting's chair; `what` completes "Only the chair …". */
export function assertChair(meeting: Pick<CabMeeting, "chairId"> & { chair: { name: string } | null }, actor: Actor, what: string) {
  if (meeting.chairId === actor.id) return;
  if (!meeting.chairId) throw new AppError("FORBIDDEN", `This meeting has no chair yet. Only the chair ${what}: take the chair first.`);
  throw new AppError("FORBIDDEN", `Only the chair (${meeting.chair?.name ?? "someone else"}) ${what}.`);
}

export async function audit(tx: Tx, actor: Actor, meetingId: string, action: string, after: unknown, before?: unknown) {
  await writeAudit(tx, { actor: auditActor(actor), action: `meeting.${action}`, entityType: "CabMeeting", entityId: meetingId, before, after });
}

/**
 * Takes the chair of a meeting that has none. The CTO may also take it from another chair (someone
 * fell ill); nobody else can, so the chair cannot be snatched mid-meeting.
 */
export async function takeChair(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "meeting:run", MEETING_REFUSAL);
  const { meetingId } = parseOrThrow(meetingInput, input);
  return db.$transaction(async (tx) => {
    const meeting = await openMeetingOrThrow(tx, meetingId);
    if (meeting.chairId === actor.id) return meeting;
    if (meeting.chairId && !can(actor, "meeting:take-chair-over")) {
      throw new AppError("CONFLICT", `${meeting.chair?.name ?? "Someone"} chairs this meeting; only the CTO can take the chair from them.`);
    }
    // Conditional on the chair read: two members taking a free chair at once, one gets it.
    const { count } = await tx.cabMeeting.updateMany({ where: { id: meetingId, chairId: meeting.chairId }, data: { chairId: actor.id } });
    if (count === 0) throw new AppError("STALE", "Someone took the chair a moment ago. Reload to see who.");
    await audit(tx, actor, meetingId, "chair", { chairId: actor.id }, { chairId: meeting.chairId });
    await appendMinutes(tx, meetingId, now, `${minutesName(actor)} took the chair${meeting.chair ? ` from ${meeting.chair.name}` : ""}.`);
    return { ...meeting, chairId: actor.id };
  });
}

/**
 * The chair starts the meeting — only near its slot (the policy's tolerance before it, until its
 * planned end), because votes cast while it runs count with the in-meeting quorum.
 */
export async function startMeeting(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "meeting:run", MEETING_REFUSAL);
  const { meetingId } = parseOrThrow(meetingInput, input);
  return db.$transaction(async (tx) => {
    const meeting = await openMeetingOrThrow(tx, meetingId);
    assertChair(meeting, actor, "starts the meeting");
    const { policy } = await getActivePolicy(tx);
    if (meeting.status === "IN_PROGRESS") {
      throw new AppError("CONFLICT", `This meeting is already running (since ${formatInZone(meeting.startedAt ?? now, policy.timeZone)}).`);
    }
    const { opensAt, closesAt } = meetingStartWindow(meeting, policy);
    const slot = formatInZone(meeting.startsAt, policy.timeZone);
    if (now.getTime() < opensAt.getTime()) {
      const from = DateTime.fromJSDate(opensAt, { zone: policy.timeZone }).toFormat("HH:mm");
      throw new AppError("CONFLICT", `This CAB meeting is scheduled for ${slot}; it can be started from ${policy.cab.meeting.startToleranceMinutes} minutes before its slot until its planned end (from ${from} that day).`);
    }
    if (now.getTime() >= closesAt.getTime()) {
      throw new AppError("CONFLICT", `This CAB meeting was scheduled for ${slot} and its slot has ended, so it can no longer be started. Vote on each change's page instead.`);
    }
    const { count } = await tx.cabMeeting.updateMany({ where: { id: meetingId, status: "SCHEDULED", chairId: actor.id }, data: { status: "IN_PROGRESS", startedAt: now } });
    if (count === 0) throw new AppError("STALE", "The meeting changed a moment ago. Reload and try again.");
    await tx.cabAttendance.createMany({ data: [{ meetingId, userId: actor.id, at: now }], skipDuplicates: true });
    await audit(tx, actor, meetingId, "started", { status: "IN_PROGRESS", startedAt: now }, { status: meeting.status });
    await appendMinutes(tx, meetingId, now, `Meeting started by ${minutesName(actor)}, chair.`);
  });
}
