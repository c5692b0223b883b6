import Link from "next/link";
import { clockOf } from "@/lib/domain/calendar-layout";
import type { CalendarDay, CalendarWeek, PlacedEvent } from "@/lib/domain/change-calendar";
import { eventHref, FREEZE_STRIPES, KIND_LABELS, KIND_STYLES } from "./calendar-kinds";

/** Chips shown in a month cell before "+N more". */
export const MONTH_CELL_LIMIT = 4;

function EventChip({ p, numbers }: { p: PlacedEvent; numbers: ReadonlyMap<string, string> }) {
  const e = p.event;
  const conflict = e.conflictsWith.length > 0;
  const others = e.conflictsWith.map((id) => numbers.get(id) ?? id).join(", ");
  const body = (
    <>
      <span className="font-mono">{p.continuesBefore ? "…" : clockOf(p.startMinute)}</span> {e.title}
      {conflict && <span className="ml-1 rounded bg-red-700 px-1 font-semibold text-white">Conflict with {others}</span>}
    </>
  );
  const href = eventHref(e);
  const cls = `block truncate rounded px-1 py-0.5 text-[11px] leading-tight ${KIND_STYLES[e.kind]} ${conflict ? "ring-2 ring-red-600" : ""}`;
  return (
    <li title={`${KIND_LABELS[e.kind]}: ${e.title}${conflict ? `; overlaps ${others} on the same service` : ""}`} data-kind={e.kind} data-conflict={conflict || undefined}>
      {href ? (
        <Link href={href} className={`${cls} hover:underline`}>
          {body}
        </Link>
      ) : (
        <span className={cls}>{body}</span>
      )}
    </li>
  );
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function DayCell({ d, week, col, today, numbers, dayHref }: { d: CalendarDay; week: CalendarWeek; col: number; today: string; numbers: ReadonlyMap<string, string>; dayHref: (date: string) => string }) {
  const freezes = d.events.filter((p) => p.event.kind === "freeze-window");
  const items = d.events.filter((p) => p.event.kind !== "freeze-window");
  // A freeze is named once per week row, on the first day it covers there; the other days are shaded.
  const named = week.bars.filter((b) => b.event.kind === "freeze-window" && b.startCol === col);
  const hidden = items.length - MONTH_CELL_LIMIT;
  return (
    <div
      role="gridcell"
      aria-label={`${d.date}${freezes.length ? `, inside ${freezes.map((f) => f.event.title).join(", ")}` : ""}`}
      data-date={d.date}
      data-frozen={freezes.length > 0 || undefined}
      className={`min-h-28 min-w-0 p-1 ${d.inMonth ? "" : "bg-slate-50 text-slate-500"} ${d.isWeekend && d.inMonth ? "bg-slate-50/60" : ""}`}
      style={freezes.length ? { backgroundImage: FREEZE_STRIPES } : undefined}
    >
      <Link
        href={dayHref(d.date)}
        aria-label={`Open ${d.date}`}
        className={`text-xs hover:underline ${d.date === today ? "inline-block rounded-full bg-indigo-600 px-1.5 font-semibold text-white" : "text-slate-600"}`}
      >
        {Number(d.date.slice(8))}
      </Link>
      {named.map((b) => (
        <span key={b.event.id} className="ml-1 inline-block max-w-full truncate rounded bg-slate-700 px-1 align-middle text-[10px] font-medium text-white">
          {b.event.title}
        </span>
      ))}
      <ul className="mt-0.5 space-y-0.5">
        {items.slice(0, MONTH_CELL_LIMIT).map((p) => (
          <EventChip key={p.event.id} p={p} numbers={numbers} />
        ))}
        {hidden > 0 && (
          <li>
            <Link href={dayHref(d.date)} className="block rounded px-1 text-[11px] font-medium text-indigo-700 hover:bg-indigo-50 hover:underline">
              +{hidden} more
            </Link>
          </li>
        )}
      </ul>
    </div>
  );
}

/** The month: week rows of day cells with the first few events each; freezes shade the days they cover. */
export function MonthGrid({ weeks, today, numbers, dayHref }: { weeks: CalendarWeek[]; today: string; numbers: ReadonlyMap<string, string>; dayHref: (date: string) => string }) {
  return (
    <div role="grid" aria-label="Month" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <div role="row" className="grid grid-cols-7 border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase text-slate-600">
        {WEEKDAYS.map((d) => (
          <div role="columnheader" key={d} className="px-2 py-1">
            {d}
          </div>
        ))}
      </div>
      {weeks.map((w) => (
        <div role="row" key={w.days[0]?.date} className="grid grid-cols-7 divide-x divide-slate-100 border-b border-slate-100">
          {w.days.map((d, i) => (
            <DayCell key={d.date} d={d} week={w} col={i} today={today} numbers={numbers} dayHref={dayHref} />
          ))}
        </div>
      ))}
    </div>
  );
}
