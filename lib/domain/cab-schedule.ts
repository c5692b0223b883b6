// The weekly CAB meeting (seed: every Wednesday 14:00–15:00), in the organisation's zone. Slots are
// built from the local calendar date, so the meeting stays at 14:00 local across daylight-saving
// changes instead of drifting by an hour in UTC.
import { DateTime } from "luxon";
import { parseHm, type Policy } from "./policy";

export interface MeetingSlot {
  startsAt: Date;
  endsAt: Date;
}

type SchedulePolicy = Pick<Policy, "timeZone" | "cab">;

function slotOn(day: DateTime, policy: SchedulePolicy): MeetingSlot {
  const { hour, minute } = parseHm(policy.cab.meeting.start);
  const start = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: policy.timeZone });
  return { startsAt: start.toJSDate(), endsAt: start.plus({ minutes: policy.cab.meeting.durationMinutes }).toJSDate() };
}

/** The local meeting day in the week containing `at`, or the week before. */
function meetingDayNear(at: Date, policy: SchedulePolicy): DateTime {
  const local = DateTime.fromJSDate(at, { zone: policy.timeZone }).startOf("day");
  const back = (local.weekday - policy.cab.meeting.weekday + 7) % 7;
  return local.minus({ days: back });
}

/** Meetings starting in [from, to), oldest first. */
export function meetingSlotsBetween(from: Date, to: Date, policy: SchedulePolicy): MeetingSlot[] {
  const slots: MeetingSlot[] = [];
  for (let day = meetingDayNear(from, policy); ; day = day.plus({ weeks: 1 })) {
    const slot = slotOn(day, policy);
    if (slot.startsAt.getTime() >= to.getTime()) return slots;
    if (slot.startsAt.getTime() >= from.getTime()) slots.push(slot);
  }
}

/** The first meeting starting at or after `now`. */
export function nextMeeting(now: Date, policy: SchedulePolicy): MeetingSlot {
  let day = meetingDayNear(now, policy);
  let slot = slotOn(day, policy);
  while (slot.startsAt.getTime() < now.getTime()) {
    day = day.plus({ weeks: 1 });
    slot = slotOn(day, policy);
  }
  return slot;
}

export function nextMeetingStart(now: Date, policy: SchedulePolicy): Date {
  return nextMeeting(now, policy).startsAt;
}

/** The meeting in progress at `now`, else the next one: what the CAB page opens by default. */
export function currentOrNextMeeting(now: Date, policy: SchedulePolicy): MeetingSlot {
  const last = previousMeeting(new Date(now.getTime() + 1), policy);
  return last.endsAt.getTime() > now.getTime() ? last : nextMeeting(now, policy);
}

/** The last meeting starting strictly before `before`. */
export function previousMeeting(before: Date, policy: SchedulePolicy): MeetingSlot {
  let day = meetingDayNear(before, policy);
  let slot = slotOn(day, policy);
  while (slot.startsAt.getTime() >= before.getTime()) {
    day = day.minus({ weeks: 1 });
    slot = slotOn(day, policy);
  }
  return slot;
}

/** After this instant the meeting's agenda is frozen; later submissions wait a week. */
export function agendaCutoff(slot: MeetingSlot, policy: SchedulePolicy): Date {
  return new Date(slot.startsAt.getTime() - policy.cab.agendaCutoffHours * 3_600_000);
}

/** The meeting whose agenda a CR submitted at `submittedAt` joins. */
export function meetingForSubmission(submittedAt: Date, policy: SchedulePolicy): MeetingSlot {
  let slot = nextMeeting(submittedAt, policy);
  while (submittedAt.getTime() > agendaCutoff(slot, policy).getTime()) {
    slot = nextMeeting(new Date(slot.startsAt.getTime() + 1), policy);
  }
  return slot;
}

/**
 * The meeting at which an emergency change is reviewed retrospectively: the first one after it,
 * without the agenda cut-off, since the seed puts it on the very next CAB.
 */
export function retrospectiveMeetingFor(emergencyAt: Date, policy: SchedulePolicy): MeetingSlot {
  return nextMeeting(new Date(emergencyAt.getTime() + 1), policy);
}

/**
 * When a scheduled meeting may be started: from the policy's tolerance before its slot until its
 * planned end. Votes cast while it runs count with the in-meeting quorum, so it cannot run at any
 * other time; the meeting page shows this window and the service refuses outside it.
 */
export function meetingStartWindow(slot: MeetingSlot, policy: Pick<Policy, "cab">): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(slot.startsAt.getTime() - policy.cab.meeting.startToleranceMinutes * 60_000), closesAt: slot.endsAt };
}
