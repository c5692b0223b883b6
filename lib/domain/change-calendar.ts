// The change calendar: month and week grids (weeks start Monday, in the organisation's time zone)
// holding planned change windows, deployments, CAB meetings and freeze windows. An event lasting
// several days appears on each local day it touches and as one bar per week row.
import { DateTime } from "luxon";
import { assertTimeZone, type Period } from "./time-buckets";
import { conflictsByChange, findWindowConflicts, type ChangeWindow } from "./window-conflicts";

export { findWindowConflicts, conflictsByChange, windowsOverlap } from "./window-conflicts";
export type { ChangeWindow, WindowConflict } from "./window-conflicts";

export const CALENDAR_EVENT_KINDS = ["freeze-window", "cab-meeting", "change-window", "deployment"] as const;
export type CalendarEventKind = (typeof CALENDAR_EVENT_KINDS)[number];

export interface CalendarEvent {
  /** Unique across kinds: "<kind>:<record id>". */
  id: string;
  kind: CalendarEventKind;
  /** The CR, deployment, meeting or freeze window it shows. */
  refId: string;
  title: string;
  start: Date;
  /** Exclusive. */
  end: Date;
  serviceId: string | null;
  /** Change windows only: the CRs whose windows on the same service overlap this one. */
  conflictsWith: string[];
  /** Deployments only: still running, drawn up to the `asOf` instant. */
  running?: boolean;
}

export function changeWindowEvents(
  changes: ReadonlyArray<ChangeWindow & { number: string; summary: string }>,
): CalendarEvent[] {
  const conflicts = conflictsByChange(findWindowConflicts(changes));
  return changes.map((c) => ({
    id: `change-window:${c.id}`,
    kind: "change-window",
    refId: c.id,
    title: `${c.number}: ${c.summary}`,
    start: c.windowStart,
    end: new Date(c.windowStart.getTime() + Math.max(0, c.windowDurationMin) * 60_000),
    serviceId: c.serviceId,
    conflictsWith: conflicts.get(c.id) ?? [],
  }));
}

/** A running deployment (no finishedAt) is drawn up to `asOf` — the caller's clock, never read here. */
export function deploymentEvent(
  d: { id: string; serviceId: string; serviceName: string; toVersion: string; startedAt: Date; finishedAt: Date | null },
  asOf: Date,
): CalendarEvent {
  const end = d.finishedAt ?? new Date(Math.max(asOf.getTime(), d.startedAt.getTime()));
  return {
    id: `deployment:${d.id}`,
    kind: "deployment",
    refId: d.id,
    title: `Deploy ${d.serviceName} → version ${d.toVersion}`,
    start: d.startedAt,
    end,
    serviceId: d.serviceId,
    conflictsWith: [],
    running: d.finishedAt === null,
  };
}

export function cabMeetingEvent(m: { id: string; startsAt: Date; endsAt: Date }): CalendarEvent {
  return { id: `cab-meeting:${m.id}`, kind: "cab-meeting", refId: m.id, title: "CAB meeting", start: m.startsAt, end: m.endsAt, serviceId: null, conflictsWith: [] };
}

export function freezeWindowEvent(f: { id: string; name: string; startsAt: Date; endsAt: Date }): CalendarEvent {
  return { id: `freeze-window:${f.id}`, kind: "freeze-window", refId: f.id, title: `Freeze: ${f.name}`, start: f.startsAt, end: f.endsAt, serviceId: null, conflictsWith: [] };
}

/** An event on one local day. Minutes are wall-clock minutes since local midnight (0..1440). */
export interface PlacedEvent {
  event: CalendarEvent;
  startMinute: number;
  endMinute: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface CalendarDay {
  date: string;
  /** False for the leading and trailing days of neighbouring months in a month grid. */
  inMonth: boolean;
  isWeekend: boolean;
  events: PlacedEvent[];
}

/** One bar in a week row: columns 0 (Monday) … 6 (Sunday); lanes stack overlapping bars. */
export interface WeekBar {
  event: CalendarEvent;
  startCol: number;
  span: number;
  lane: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface CalendarWeek {
  days: CalendarDay[];
  bars: WeekBar[];
}

export interface MonthGrid {
  month: string;
  range: Period;
  weeks: CalendarWeek[];
}

export interface WeekGrid {
  weekStart: string;
  range: Period;
  week: CalendarWeek;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

function parseMonth(month: string, zone: string): DateTime {
  const dt = MONTH_RE.test(month) ? DateTime.fromISO(`${month}-01`, { zone }) : null;
  if (!dt?.isValid) throw new RangeError(`Not a month: "${month}" (expected YYYY-MM)`);
  return dt.startOf("day");
}

function parseDate(date: string, zone: string): DateTime {
  const dt = DateTime.fromISO(date, { zone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !dt.isValid) throw new RangeError(`Not a date: "${date}" (expected YYYY-MM-DD)`);
  return dt.startOf("day");
}

/** The instants a month grid covers: Monday on or before the 1st to the Monday after the last Sunday. */
export function monthGridRange(month: string, zone: string): Period {
  assertTimeZone(zone);
  const first = parseMonth(month, zone);
  const from = first.startOf("week");
  const to = first.endOf("month").startOf("week").plus({ weeks: 1 }).startOf("day");
  return { from: from.toJSDate(), to: to.toJSDate() };
}

/** The Monday-to-Monday instants of the week holding `date`. */
export function weekGridRange(date: string, zone: string): Period {
  assertTimeZone(zone);
  const monday = parseDate(date, zone).startOf("week");
  return { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).startOf("day").toJSDate() };
}

export function shiftMonth(month: string, by: number): string {
  return parseMonth(month, "UTC").plus({ months: by }).toFormat("yyyy-MM");
}

export function shiftWeek(date: string, by: number): string {
  return parseDate(date, "UTC").startOf("week").plus({ weeks: by }).toISODate() ?? date;
}

const KIND_ORDER = Object.fromEntries(CALENDAR_EVENT_KINDS.map((k, i) => [k, i])) as Record<CalendarEventKind, number>;

function compareEvents(x: CalendarEvent, y: CalendarEvent): number {
  return (
    x.start.getTime() - y.start.getTime() ||
    y.end.getTime() - x.end.getTime() ||
    KIND_ORDER[x.kind] - KIND_ORDER[y.kind] ||
    (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)
  );
}

/** Whether the event touches [dayStart, dayEnd); a zero-length event belongs to the day of its instant. */
function touches(e: CalendarEvent, dayStart: number, dayEnd: number): boolean {
  const s = e.start.getTime();
  const t = e.end.getTime();
  return s === t ? s >= dayStart && s < dayEnd : s < dayEnd && t > dayStart;
}

const wallMinute = (instant: Date, zone: string) => {
  const dt = DateTime.fromJSDate(instant, { zone });
  return dt.hour * 60 + dt.minute + dt.second / 60;
};

function buildWeek(monday: DateTime, zone: string, events: readonly CalendarEvent[], inMonth: (d: DateTime) => boolean): CalendarWeek {
  const bounds = Array.from({ length: 8 }, (_, i) => monday.plus({ days: i }).startOf("day"));
  const sorted = [...events].sort(compareEvents);
  const days: CalendarDay[] = bounds.slice(0, 7).map((d, i) => {
    const dayStart = d.toMillis();
    const dayEnd = bounds[i + 1]!.toMillis();
    const placed = sorted
      .filter((e) => touches(e, dayStart, dayEnd))
      .map((e) => {
        const startMinute = e.start.getTime() <= dayStart ? 0 : wallMinute(e.start, zone);
        const endMinute = e.end.getTime() >= dayEnd ? 1440 : wallMinute(e.end, zone);
        return {
          event: e,
          startMinute,
          // In the repeated autumn hour wall-clock time runs backwards; never draw a negative height.
          endMinute: Math.max(startMinute, endMinute),
          continuesBefore: e.start.getTime() < dayStart,
          continuesAfter: e.end.getTime() > dayEnd,
        };
      });
    return { date: d.toISODate() ?? "", inMonth: inMonth(d), isWeekend: d.weekday >= 6, events: placed };
  });

  const bars: WeekBar[] = [];
  const laneEnds: number[] = []; // last column used per lane
  for (const e of sorted) {
    const cols = days.flatMap((d, i) => (d.events.some((p) => p.event.id === e.id) ? [i] : []));
    const startCol = cols[0];
    const endCol = cols.at(-1);
    if (startCol === undefined || endCol === undefined) continue;
    // Greedy interval colouring: the first lane free from startCol on.
    let lane = laneEnds.findIndex((last) => last < startCol);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = endCol;
    bars.push({
      event: e,
      startCol,
      span: endCol - startCol + 1,
      lane,
      continuesBefore: e.start.getTime() < bounds[0]!.toMillis(),
      continuesAfter: e.end.getTime() > bounds[7]!.toMillis(),
    });
  }
  return { days, bars };
}

/** A month as Monday-first week rows, with leading/trailing days of the neighbouring months. */
export function monthGrid(month: string, zone: string, events: readonly CalendarEvent[]): MonthGrid {
  const range = monthGridRange(month, zone);
  const first = parseMonth(month, zone);
  const visible = events.filter((e) => touches(e, range.from.getTime(), range.to.getTime()));
  const weeks: CalendarWeek[] = [];
  for (let monday = DateTime.fromJSDate(range.from, { zone }); monday.toMillis() < range.to.getTime(); monday = monday.plus({ weeks: 1 }).startOf("day")) {
    weeks.push(buildWeek(monday, zone, visible, (d) => d.month === first.month && d.year === first.year));
  }
  return { month, range, weeks };
}

/** The Monday-first week holding `date`. */
export function weekGrid(date: string, zone: string, events: readonly CalendarEvent[]): WeekGrid {
  const range = weekGridRange(date, zone);
  const monday = DateTime.fromJSDate(range.from, { zone });
  const visible = events.filter((e) => touches(e, range.from.getTime(), range.to.getTime()));
  return { weekStart: monday.toISODate() ?? date, range, week: buildWeek(monday, zone, visible, () => true) };
}
