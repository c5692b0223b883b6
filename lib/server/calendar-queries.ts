import "server-only";
// Read models for the change calendar and the conflict notice on a CR: change windows, deployments,
// CAB meetings and freeze windows in a range, and same-service windows that overlap.
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "kysely";
import { db, readDb } from "@/lib/db";
import {
  cabMeetingEvent,
  changeWindowEvents,
  deploymentEvent,
  findWindowConflicts,
  freezeWindowEvent,
  type CalendarEvent,
} from "@/lib/domain/change-calendar";
import type { CalendarScope } from "@/lib/domain/calendar-layout";
import type { Period } from "@/lib/domain/time-buckets";
import { assertCan } from "./guard";
import { changeNotAbandonedExpr } from "./rules-sql";

const DAY = 86_400_000;
// Change windows are short; looking a week back catches any window still open at the range start.
const WINDOW_LOOKBACK = 7 * DAY;

/**
 * Everything on the calendar in the range. A service or team scope narrows change windows and
 * deployments to that service (or the team's services); CAB meetings and freezes concern everyone
 * and stay.
 */
export async function loadCalendarEvents(actor: Actor, range: Period, scope: CalendarScope = {}, asOf = new Date()): Promise<CalendarEvent[]> {
  assertCan(actor, "history:view", "Your roles do not allow viewing the change calendar.");
  const onService = { ...(scope.service ? { serviceId: scope.service } : {}), ...(scope.team ? { service: { teamId: scope.team } } : {}) };
  const [changes, deployments, meetings, freezes] = await Promise.all([
    db.changeRequest.findMany({
      where: { windowStart: { gte: new Date(range.from.getTime() - WINDOW_LOOKBACK), lt: range.to }, state: { notIn: ["DRAFT"] }, ...onService },
      select: { id: true, number: true, summary: true, serviceId: true, windowStart: true, windowDurationMin: true, state: true },
      take: 2000,
    }),
    db.deployment.findMany({
      where: { startedAt: { lt: range.to }, OR: [{ finishedAt: null }, { finishedAt: { gt: range.from } }], ...onService },
      select: { id: true, serviceId: true, toVersion: true, startedAt: true, finishedAt: true, service: { select: { name: true } } },
      orderBy: { startedAt: "asc" },
      take: 2000,
    }),
    db.cabMeeting.findMany({ where: { startsAt: { lt: range.to }, endsAt: { gt: range.from } }, select: { id: true, startsAt: true, endsAt: true } }),
    db.freezeWindow.findMany({ where: { startsAt: { lt: range.to }, endsAt: { gt: range.from } }, select: { id: true, name: true, startsAt: true, endsAt: true } }),
  ]);
  return [
    ...freezes.map(freezeWindowEvent),
    ...meetings.map(cabMeetingEvent),
    ...changeWindowEvents(changes.filter((c) => c.state !== "CANCELLED" && c.state !== "REJECTED")),
    ...deployments.map((d) => deploymentEvent({ ...d, serviceName: d.service.name }, asOf)),
  ];
}

export interface ChangeConflict {
  id: string;
  number: string;
  summary: string;
  windowStart: Date;
  windowDurationMin: number;
}

/** The CRs on the same service whose change windows overlap this CR's (none for cancelled or rejected ones). */
export async function findChangeConflicts(crId: string): Promise<ChangeConflict[]> {
  // Plain SQL, one statement: the CR page asks on every visit.
  const rows = await readDb
    .with("me", (q) => q.selectFrom("ChangeRequest as m").select(["m.id", "m.serviceId", "m.windowStart", "m.windowDurationMin"])
      .where("m.id", "=", crId).where(changeNotAbandonedExpr("m")))
    .selectFrom("me")
    .innerJoin("ChangeRequest as c", "c.serviceId", "me.serviceId")
    .select((eb) => ["c.id", "c.number", "c.summary", "c.windowStart", "c.windowDurationMin", "c.state", eb("c.id", "=", eb.ref("me.id")).as("self")])
    .where((eb) => eb.or([
      eb("c.id", "=", eb.ref("me.id")),
      eb.and([
        eb("c.windowStart", ">=", sql<Date>`${eb.ref("me.windowStart")} - ${WINDOW_LOOKBACK / 1000} * interval '1 second'`),
        eb("c.windowStart", "<", sql<Date>`${eb.ref("me.windowStart")} + ${eb.ref("me.windowDurationMin")} * interval '1 minute'`),
        changeNotAbandonedExpr("c"),
        eb("c.state", "<>", sql.lit("DRAFT")),
      ]),
    ]))
    .execute();
  const cr = rows.find((r) => r.self);
  if (!cr) return [];
  const withService = rows.map(({ self: _self, ...r }) => ({ ...r, serviceId: "" }));
  const conflicting = new Set(findWindowConflicts(withService).flatMap((c) => (c.a === cr.id ? [c.b] : c.b === cr.id ? [c.a] : [])));
  return withService.filter((o) => conflicting.has(o.id)).map(({ serviceId: _s, state: _st, ...o }) => o);
}
