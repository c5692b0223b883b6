import "server-only";
// Read models for the change calendar and the conflict notice on a CR: change windows, deployments,
// CAB meetings and freeze windows in a range, and same-service windows that overlap.
import type { Actor } from "@/lib/auth/permissions";
import { db, readSql } from "@/lib/db";
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
import type { CrState } from "@/lib/domain/vocabulary";
import { assertCan } from "./guard";
import { changeNotAbandonedSql } from "./rules-sql";

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
  const rows = await readSql<(ChangeConflict & { self: boolean; state: CrState })[]>`
    WITH me AS (SELECT m.id, m."serviceId", m."windowStart", m."windowDurationMin" FROM "ChangeRequest" m WHERE m.id = ${crId} AND ${changeNotAbandonedSql("m")})
    SELECT c.id, c.number, c.summary, c."windowStart", c."windowDurationMin", c.state::text AS state, c.id = me.id AS self
    FROM me JOIN "ChangeRequest" c ON c."serviceId" = me."serviceId"
    WHERE c.id = me.id OR (c."windowStart" >= me."windowStart" - ${WINDOW_LOOKBACK / 1000} * interval '1 second'
      AND c."windowStart" < me."windowStart" + me."windowDurationMin" * interval '1 minute' AND ${changeNotAbandonedSql("c")} AND c.state <> 'DRAFT')`;
  const cr = rows.find((r) => r.self);
  if (!cr) return [];
  const withService = rows.map(({ self: _self, ...r }) => ({ ...r, serviceId: "" }));
  const conflicting = new Set(findWindowConflicts(withService).flatMap((c) => (c.a === cr.id ? [c.b] : c.b === cr.id ? [c.a] : [])));
  return withService.filter((o) => conflicting.has(o.id)).map(({ serviceId: _s, state: _st, ...o }) => o);
}
