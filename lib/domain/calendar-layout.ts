// How the calendar lays out what change-calendar.ts places on days: the week's time grid (blocks
// positioned by their window, overlapping ones side by side, freezes as bands behind them), the
// hours the grid shows, headers in words, and links that keep the filters.
import { DateTime } from "luxon";
import type { CalendarDay, CalendarWeek, PlacedEvent } from "./change-calendar";

/** A block in a day column: `col` of `cols` side-by-side columns of its overlap cluster. */
export interface GridBlock {
  p: PlacedEvent;
  col: number;
  cols: number;
}

/**
 * A block is drawn at least this many minutes tall (so its label fits); blocks closer than that are
 * laid out side by side as if they overlapped, or they would be drawn over each other.
 */
export const MIN_BLOCK_MINUTES = 30;

const visualEnd = (p: PlacedEvent) => Math.max(p.endMinute, p.startMinute + MIN_BLOCK_MINUTES);

/**
 * Side-by-side columns for one day's blocks: events that overlap (transitively) form a cluster whose
 * width is shared; each takes the first column free at its start. Within a column nothing overlaps.
 */
export function layoutDayBlocks(events: readonly PlacedEvent[]): GridBlock[] {
  const sorted = [...events].sort((a, b) => a.startMinute - b.startMinute || visualEnd(b) - visualEnd(a));
  const out: GridBlock[] = [];
  let cluster: GridBlock[] = [];
  let colEnds: number[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    for (const b of cluster) b.cols = colEnds.length;
    out.push(...cluster);
    cluster = [];
    colEnds = [];
  };
  for (const p of sorted) {
    if (p.startMinute >= clusterEnd) close();
    let col = colEnds.findIndex((end) => end <= p.startMinute);
    if (col === -1) col = colEnds.length;
    colEnds[col] = visualEnd(p);
    clusterEnd = cluster.length === 0 ? visualEnd(p) : Math.max(clusterEnd, visualEnd(p));
    cluster.push({ p, col, cols: 0 });
  }
  close();
  return out;
}

/** A day split into the time grid's layers: freeze bands behind, blocks in front. */
export function dayLayers(day: CalendarDay): { bands: PlacedEvent[]; blocks: GridBlock[] } {
  const bands = day.events.filter((p) => p.event.kind === "freeze-window");
  return { bands, blocks: layoutDayBlocks(day.events.filter((p) => p.event.kind !== "freeze-window")) };
}

/**
 * The hours the week grid shows: the working day (07–20) widened to whatever blocks fall outside it,
 * so nothing is hidden and a quiet week does not scroll through the night.
 */
export function visibleHours(week: CalendarWeek, base: { from: number; to: number } = { from: 7, to: 20 }): { from: number; to: number } {
  let from = base.from;
  let to = base.to;
  for (const d of week.days) {
    for (const p of d.events) {
      if (p.event.kind === "freeze-window") continue;
      from = Math.min(from, Math.floor(p.startMinute / 60));
      to = Math.max(to, Math.ceil(Math.min(1440, visualEnd(p)) / 60));
    }
  }
  return { from: Math.max(0, from), to: Math.min(24, Math.max(to, from + 1)) };
}

/** "10:05" for a wall-clock minute of the day. */
export const clockOf = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(Math.floor(minute % 60)).padStart(2, "0")}`;

export type CalendarView = "month" | "week" | "day";

/** The header in words, in the viewer's zone: "November 2026", "Week of 30 Nov 2026", "Monday 30 November 2026". */
export function calendarTitle(view: CalendarView, anchor: string): string {
  if (view === "month") return DateTime.fromISO(`${anchor}-01`, { zone: "UTC" }).setLocale("en-GB").toFormat("LLLL yyyy");
  const d = DateTime.fromISO(anchor, { zone: "UTC" }).setLocale("en-GB");
  if (view === "week") return `Week of ${d.startOf("week").toFormat("d LLL yyyy")}`;
  return d.toFormat("cccc d LLLL yyyy");
}

/** "Mon 30 Nov" for a day column. */
export const dayHeading = (date: string) => DateTime.fromISO(date, { zone: "UTC" }).setLocale("en-GB").toFormat("ccc d LLL");

export interface CalendarScope {
  service?: string;
  team?: string;
}

/** A calendar URL for a view and date, keeping the service and team filters. */
export function calendarHref(view: CalendarView, anchor: string, scope: CalendarScope): string {
  const q = new URLSearchParams({ view, [view === "month" ? "month" : "date"]: anchor });
  if (scope.service) q.set("service", scope.service);
  if (scope.team) q.set("team", scope.team);
  return `/calendar?${q.toString()}`;
}
