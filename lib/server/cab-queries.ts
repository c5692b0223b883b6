import "server-only";
import { db, readDb } from "@/lib/db";
import { sql } from "kysely";
import type { Role } from "@/generated/kysely/types";
import { buildAgenda, buildAgendaView, type AgendaShow } from "@/lib/domain/cab-agenda";
import { previousMeeting } from "@/lib/domain/cab-schedule";
import { AppError } from "@/lib/errors";
import { ensureUpcomingMeetings, meetingById } from "./cab-meetings";
import { getActivePolicy } from "./policy-store";
import { agendaChanges, agendaDeployments } from "./cab-agenda-sql";

/**
 * How many changes each meeting's agenda holds for the board (buildAgenda's "upcoming" and "high
 * risk" sections): its own changes still awaiting a decision, or voted on at it in their current
 * round; not cancelled, not emergencies (those come to the retrospective). A change approved out of
 * a meeting and deployed stays linked to it but is no longer for the board. cab-agenda.int.test.ts
 * checks this count against the agenda the meeting page builds.
 */
async function agendaCounts(meetingIds: string[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await readDb
    .selectFrom("ChangeRequest as c")
    .select((eb) => ["c.cabMeetingId", eb.cast<number>(eb.fn.countAll(), "integer").as("n")])
    .where("c.cabMeetingId", "in", meetingIds)
    .where("c.state", "<>", sql.lit("CANCELLED"))
    .where((eb) => eb.not(eb.ref("c.emergency")))
    .where((eb) => eb.or([
      eb("c.state", "=", sql.lit("SUBMITTED")),
      eb.exists(eb.selectFrom("Approval as a").select(sql.lit(1).as("one"))
        .whereRef("a.crId", "=", "c.id").whereRef("a.meetingId", "=", "c.cabMeetingId").whereRef("a.round", "=", "c.approvalRound")
        .where("a.kind", "=", sql.lit("STANDARD"))),
    ]))
    .groupBy("c.cabMeetingId")
    .execute();
  return new Map(rows.map((r) => [r.cabMeetingId!, r.n]));
}

/** Upcoming and recent meetings with their agenda's size; the next few Wednesdays are created on the way. */
export async function listMeetings(now = new Date()) {
  const { policy } = await getActivePolicy();
  await ensureUpcomingMeetings(policy, now);
  const select = { id: true, startsAt: true, endsAt: true, status: true, _count: { select: { attendees: true } } } as const;
  const [upcoming, past] = await Promise.all([
    db.cabMeeting.findMany({ where: { endsAt: { gt: now }, status: { not: "CLOSED" } }, orderBy: { startsAt: "asc" }, take: 8, select }),
    db.cabMeeting.findMany({ where: { OR: [{ endsAt: { lte: now } }, { status: "CLOSED" }] }, orderBy: { startsAt: "desc" }, take: 20, select }),
  ]);
  const counts = await agendaCounts([...upcoming, ...past].map((m) => m.id));
  const withCount = (m: (typeof upcoming)[number]) => ({ ...m, agendaChanges: counts.get(m.id) ?? 0, present: m._count.attendees });
  return { upcoming: upcoming.map(withCount), past: past.map(withCount), timeZone: policy.timeZone };
}

async function agendaInput(meetingId: string, now: Date) {
  const meeting = await meetingById(meetingId);
  if (!meeting) throw new AppError("NOT_FOUND", "That CAB meeting does not exist.");
  const { policy } = await getActivePolicy();
  const weekBefore = new Date(meeting.startsAt.getTime() - 8 * 86_400_000);
  const since = previousMeeting(meeting.startsAt, policy).startsAt;
  const [changes, deployments, incidents, attendees] = await Promise.all([
    agendaChanges(meeting.id),
    agendaDeployments(weekBefore, meeting.startsAt),
    readDb.selectFrom("Incident").select(["id", "severity", "title", "declaredAt", "resolvedAt"])
      .where("declaredAt", ">=", since).where("declaredAt", "<", meeting.startsAt).execute(),
    readDb.selectFrom("CabAttendance as a").innerJoin("User as u", "u.id", "a.userId")
      .select(["a.userId", "a.at", "u.name", sql<Role[]>`u.roles::text[]`.as("roles")])
      .where("a.meetingId", "=", meeting.id).orderBy("a.at").execute(),
  ]);
  return { meeting, attendees, policy, input: { meeting, changes, deployments, incidents, policy, now } };
}

/** One meeting with its agenda built by the domain's buildAgenda, its attendees and their names. */
export async function getMeetingAgenda(meetingId: string, now = new Date()) {
  const { meeting, attendees, policy, input } = await agendaInput(meetingId, now);
  return { meeting, sections: buildAgenda(input), attendees, policy };
}

type AgendaMeetingRow = NonNullable<Awaited<ReturnType<typeof meetingById>>>;

/**
 * The same, with only the items the page shows built (buildAgendaView): `show` is given the meeting
 * (its current item) and picks by section, position and key; each section keeps every key and its total.
 */
export async function getMeetingAgendaView(meetingId: string, show: (meeting: AgendaMeetingRow) => AgendaShow, now = new Date()) {
  const { meeting, attendees, policy, input } = await agendaInput(meetingId, now);
  return { meeting, sections: buildAgendaView(input, show(meeting)), attendees, policy };
}
export type MeetingAgenda = Awaited<ReturnType<typeof getMeetingAgenda>>;
