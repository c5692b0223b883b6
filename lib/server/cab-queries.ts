import "server-only";
import { db } from "@/lib/db";
import { buildAgenda } from "@/lib/domain/cab-agenda";
import { previousMeeting } from "@/lib/domain/cab-schedule";
import { AppError } from "@/lib/errors";
import { ensureUpcomingMeetings } from "./cab-meetings";
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
  const meeting = await db.cabMeeting.findUnique({
    where: { id: meetingId },
    include: { attendees: { orderBy: { at: "asc" } } },
  });
  if (!meeting) throw new AppError("NOT_FOUND", "That CAB meeting does not exist.");
  const { policy } = await getActivePolicy();
  const weekBefore = new Date(meeting.startsAt.getTime() - 8 * 86_400_000);
  const since = previousMeeting(meeting.startsAt, policy).startsAt;
  const [changes, deployments, incidents, users] = await Promise.all([
    agendaChanges(meeting.id),
    agendaDeployments(weekBefore, meeting.startsAt),
    db.incident.findMany({ where: { declaredAt: { gte: since, lt: meeting.startsAt } }, select: { id: true, severity: true, title: true, declaredAt: true, resolvedAt: true } }),
    db.user.findMany({ where: { id: { in: meeting.attendees.map((a) => a.userId) } }, select: { id: true, name: true, roles: true } }),
  ]);
  const sections = buildAgenda({
    meeting,
    changes,
    deployments,
    incidents,
    policy,
    now,
  });
  const names = new Map(users.map((u) => [u.id, u]));
  const attendees = meeting.attendees.map((a) => ({ userId: a.userId, at: a.at, name: names.get(a.userId)?.name ?? "unknown", roles: names.get(a.userId)?.roles ?? [] }));
  return { meeting, sections, attendees, policy };
}
export type MeetingAgenda = Awaited<ReturnType<typeof getMeetingAgenda>>;
