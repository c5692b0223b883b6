import "server-only";
// Read models for the change calendar and the conflict notice on a CR: change windows, deployments,
// CAB meetings and freeze windows in a range, and same-service windows that overlap.
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import {
  cabMeetingEvent,
  changeWindowEvents,
  deploymentEvent,
  findWindowConflicts,
  freezeWindowEvent,
  type CalendarEvent,
} from "@/lib/domain/change-calendar";
import type { Period } from "@/lib/domain/time-buckets";
import { assertCan } from "./guard";

const DAY = 86_400_000;
// Change windows are short; looking a week back catches any window still open at the range start.
const WINDOW_LOOKBACK = 7 * DAY;

export async function loadCalendarEvents(actor: Actor, range: Period, asOf = new Date()): Promise<CalendarEvent[]> {
  assertCan(actor, "history:view", "Your roles do not allow viewing the change calendar.");
  const [changes, deployments, meetings, freezes] = await Promise.all([
    db.changeRequest.findMany({
      where: { windowStart: { gte: new Date(range.from.getTime() - WINDOW_LOOKBACK), lt: range.to }, state: { notIn: ["DRAFT"] } },
      select: { id: true, number: true, summary: true, serviceId: true, windowStart: true, windowDurationMin: true, state: true },
      take: 2000,
    }),
    db.deployment.findMany({
      where: { startedAt: { lt: range.to }, OR: [{ finishedAt: null }, { finishedAt: { gt: range.from } }] },
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
  const cr = await db.changeRequest.findUnique({ where: { id: crId }, select: { id: true, serviceId: true, windowStart: true, windowDurationMin: true, state: true } });
  if (!cr || cr.state === "CANCELLED" || cr.state === "REJECTED") return [];
  const end = new Date(cr.windowStart.getTime() + cr.windowDurationMin * 60_000);
  const others = await db.changeRequest.findMany({
    where: { serviceId: cr.serviceId, id: { not: cr.id }, windowStart: { gte: new Date(cr.windowStart.getTime() - WINDOW_LOOKBACK), lt: end }, state: { notIn: ["CANCELLED", "REJECTED", "DRAFT"] } },
    select: { id: true, number: true, summary: true, serviceId: true, windowStart: true, windowDurationMin: true, state: true },
  });
  const conflicting = new Set(findWindowConflicts([cr, ...others]).flatMap((c) => (c.a === cr.id ? [c.b] : c.b === cr.id ? [c.a] : [])));
  return others.filter((o) => conflicting.has(o.id));
}
