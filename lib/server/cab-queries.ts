import "server-only";
import { db, readSql } from "@/lib/db";
import type { Role } from "@/generated/prisma/client";
import { buildAgenda, type AgendaIncident } from "@/lib/domain/cab-agenda";
import { previousMeeting } from "@/lib/domain/cab-schedule";
import { AppError } from "@/lib/errors";
import { ensureUpcomingMeetings, meetingById } from "./cab-meetings";
import { getActivePolicy } from "./policy-store";
import { agendaChanges, agendaDeployments } from "./cab-agenda-sql";

/** Upcoming and recent meetings; the next few Wednesdays are created on the way. */
export async function listMeetings(now = new Date()) {
  const { policy } = await getActivePolicy();
  await ensureUpcomingMeetings(policy, now);
  const select = { id: true, startsAt: true, endsAt: true, status: true, _count: { select: { changes: true, attendees: true } } } as const;
  const [upcoming, past] = await Promise.all([
    db.cabMeeting.findMany({ where: { endsAt: { gt: now }, status: { not: "CLOSED" } }, orderBy: { startsAt: "asc" }, take: 8, select }),
    db.cabMeeting.findMany({ where: { OR: [{ endsAt: { lte: now } }, { status: "CLOSED" }] }, orderBy: { startsAt: "desc" }, take: 20, select }),
  ]);
  return { upcoming, past, timeZone: policy.timeZone };
}

/** One meeting with its agenda built by the domain's buildAgenda, its attendees and their names. */
export async function getMeetingAgenda(meetingId: string, now = new Date()) {
  const meeting = await meetingById(meetingId);
  if (!meeting) throw new AppError("NOT_FOUND", "That CAB meeting does not exist.");
  const { policy } = await getActivePolicy();
  const weekBefore = new Date(meeting.startsAt.getTime() - 8 * 86_400_000);
  const since = previousMeeting(meeting.startsAt, policy).startsAt;
  const [changes, deployments, incidents, attendees] = await Promise.all([
    agendaChanges(meeting.id),
    agendaDeployments(weekBefore, meeting.startsAt),
    readSql<AgendaIncident[]>`SELECT id, severity::text AS severity, title, "declaredAt", "resolvedAt" FROM "Incident"
      WHERE "declaredAt" >= ${since} AND "declaredAt" < ${meeting.startsAt}`,
    readSql<{ userId: string; at: Date; name: string; roles: Role[] }[]>`SELECT a."userId", a.at, u.name, u.roles::text[] AS roles
      FROM "CabAttendance" a JOIN "User" u ON u.id = a."userId" WHERE a."meetingId" = ${meeting.id} ORDER BY a.at`,
  ]);
  const sections = buildAgenda({
    meeting,
    changes,
    deployments,
    incidents,
    policy,
    now,
  });
  return { meeting, sections, attendees, policy };
}
export type MeetingAgenda = Awaited<ReturnType<typeof getMeetingAgenda>>;
