import "server-only";
import { db } from "@/lib/db";
import { buildAgenda, type AgendaCr } from "@/lib/domain/cab-agenda";
import { previousMeeting } from "@/lib/domain/cab-schedule";
import { AppError } from "@/lib/errors";
import { ensureUpcomingMeetings } from "./cab-meetings";
import { getActivePolicy } from "./policy-store";
import { toApprovalRecord } from "./vote-on-change";

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
  const crSelect = {
    id: true, number: true, summary: true, risk: true, state: true, requesterId: true, cabMeetingId: true, approvalRound: true,
    emergency: true, retroStatus: true, suggestedRisk: true, riskJustification: true, createdAt: true, submittedAt: true,
    requester: { select: { name: true } },
    approvals: { include: { user: { select: { name: true } } } },
  } as const;
  const [changes, deployments, incidents, users] = await Promise.all([
    db.changeRequest.findMany({
      where: { OR: [{ cabMeetingId: meeting.id }, { emergency: true, retroStatus: "PENDING" }, { emergency: true, approvals: { some: { meetingId: meeting.id } } }] },
      select: crSelect,
    }),
    db.deployment.findMany({
      where: { finishedAt: { gte: weekBefore, lt: meeting.startsAt } },
      select: { id: true, crId: true, kind: true, outcome: true, finishedAt: true, cr: { select: { number: true, summary: true, risk: true } }, functionName: true },
    }),
    db.incident.findMany({ where: { declaredAt: { gte: since, lt: meeting.startsAt } }, select: { id: true, severity: true, title: true, declaredAt: true, resolvedAt: true } }),
    db.user.findMany({ where: { id: { in: meeting.attendees.map((a) => a.userId) } }, select: { id: true, name: true, roles: true } }),
  ]);
  const agendaCrs: AgendaCr[] = changes.map((c) => ({ ...c, requesterName: c.requester.name, approvals: c.approvals.map(toApprovalRecord) }));
  const sections = buildAgenda({
    meeting,
    changes: agendaCrs,
    deployments: deployments.map((d) => ({
      id: d.id, crId: d.crId, crNumber: d.cr?.number ?? null, summary: d.cr?.summary ?? `Deploy of ${d.functionName}`,
      risk: d.cr?.risk ?? null, kind: d.kind, outcome: d.outcome, finishedAt: d.finishedAt,
    })),
    incidents,
    policy,
    now,
  });
  const names = new Map(users.map((u) => [u.id, u]));
  const attendees = meeting.attendees.map((a) => ({ userId: a.userId, at: a.at, name: names.get(a.userId)?.name ?? "unknown", roles: names.get(a.userId)?.roles ?? [] }));
  return { meeting, sections, attendees, policy };
}
export type MeetingAgenda = Awaited<ReturnType<typeof getMeetingAgenda>>;
