import Link from "next/link";
import { clockOf, dayHeading, dayLayers, visibleHours, type GridBlock } from "@/lib/domain/calendar-layout";
import type { CalendarWeek, PlacedEvent } from "@/lib/domain/change-calendar";
import { eventHref, FREEZE_STRIPES, KIND_LABELS, KIND_STYLES } from "./calendar-kinds";

const HOUR_PX = 48;

/** "10:00–11:00", with "…" where the event runs on from the day before or into the next. */
export function spanText(p: PlacedEvent): string {
  return `${p.continuesBefore ? "…" : clockOf(p.startMinute)}–${p.continuesAfter ? "…" : clockOf(p.endMinute)}`;
}

function Block({ b, top, height, conflictNames }: { b: GridBlock; top: number; height: number; conflictNames: string }) {
  const e = b.p.event;
  const conflict = e.conflictsWith.length > 0;
  const label = `${KIND_LABELS[e.kind]}: ${e.title}, ${spanText(b.p)}${conflict ? `; overlaps ${conflictNames} on the same service` : ""}`;
  const href = eventHref(e);
  const cls = `absolute overflow-hidden rounded border border-white px-1 py-0.5 text-[11px] leading-[13px] shadow-sm ${KIND_STYLES[e.kind]} ${conflict ? "ring-2 ring-red-600" : ""}`;
  const [number, summary] = e.kind === "change-window" && e.title.includes(": ") ? [e.title.slice(0, e.title.indexOf(": ")), e.title.slice(e.title.indexOf(": ") + 2)] : [null, null];
  const style = { top, height, minHeight: height, left: `calc(${(b.col / b.cols) * 100}% + 1px)`, width: `calc(${100 / b.cols}% - 2px)` };
  const body = (
    <>
      <span className="block whitespace-nowrap text-[10px] font-semibold">{spanText(b.p)}</span>
      {/* The summary first: in a narrow block it is what says what the change is; the number follows. */}
      {number ? (
        <>
          <span className="block [overflow-wrap:anywhere]">{summary}</span>
          <span className="block text-[10px] opacity-80">{number}</span>
        </>
      ) : (
        <span className="block [overflow-wrap:anywhere]">{e.title}</span>
      )}
      {conflict && <span className="mt-0.5 inline-block rounded bg-red-700 px-1 font-semibold text-white">Conflict: {conflictNames}</span>}
    </>
  );
  return (
    <li data-kind={e.kind} data-block={e.refId} data-conflict={conflict || undefined} title={label}>
      {href ? (
        <Link href={href} aria-label={label} className={`${cls} hover:z-20 hover:h-auto! hover:underline focus-visible:z-20 focus-visible:h-auto!`} style={style}>
          {body}
        </Link>
      ) : (
        <span className={cls} style={style}>
          {body}
        </span>
      )}
    </li>
  );
}

/**
 * The week as a time grid: one column per day, hours down the side. Change windows, deployments and
 * CAB meetings are blocks at their times (side by side where they overlap); a freeze is a shaded band
 * behind them across every hour and day it covers.
 */
export function WeekTimeGrid({ week, today, numbers }: { week: CalendarWeek; today: string; numbers: ReadonlyMap<string, string> }) {
  const hours = visibleHours(week);
  const height = (hours.to - hours.from) * HOUR_PX;
  const y = (minute: number) => Math.min(height, Math.max(0, ((minute - hours.from * 60) / 60) * HOUR_PX));
  const hourMarks = Array.from({ length: hours.to - hours.from }, (_, i) => hours.from + i);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="week-grid">
      <div className="min-w-[48rem]">
        <div className="grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))] border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600">
          <div className="px-1 py-1.5 text-[10px] font-normal text-slate-500">Time</div>
          {week.days.map((d) => (
            <div key={d.date} className={`border-l border-slate-200 px-2 py-1.5 ${d.date === today ? "font-semibold text-indigo-700" : ""}`}>
              {dayHeading(d.date)}
              {d.date === today && <span className="ml-1 rounded bg-indigo-600 px-1 text-[10px] text-white">today</span>}
            </div>
          ))}
        </div>
        <div className="grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]">
          <div className="relative" style={{ height }} aria-hidden>
            {hourMarks.map((h) => (
              <span key={h} className={`absolute right-1 text-[10px] text-slate-500 ${h === hours.from ? "" : "-translate-y-1/2"}`} style={{ top: (h - hours.from) * HOUR_PX }}>
                {clockOf(h * 60)}
              </span>
            ))}
          </div>
          {week.days.map((d) => {
            const { bands, blocks } = dayLayers(d);
            return (
              <div key={d.date} className={`relative border-l border-slate-200 ${d.isWeekend ? "bg-slate-50/70" : ""}`} style={{ height }}>
                {hourMarks.slice(1).map((h) => (
                  <div key={h} aria-hidden className="absolute inset-x-0 border-t border-slate-100" style={{ top: (h - hours.from) * HOUR_PX }} />
                ))}
                {bands.map((p) => {
                  const top = y(p.startMinute);
                  const bottom = y(p.endMinute);
                  if (bottom <= top) return null;
                  return (
                    <div
                      key={p.event.id}
                      data-band={p.event.refId}
                      title={`${p.event.title}, ${spanText(p)}`}
                      className="absolute inset-x-0 border-y border-slate-400/60"
                      style={{ top, height: bottom - top, backgroundImage: FREEZE_STRIPES }}
                    >
                      {/* Named where the band starts in view: its first day, or Monday when it began the week before. */}
                      {(!p.continuesBefore || d === week.days[0]) && (
                        <span className="absolute left-0.5 top-0.5 rounded bg-slate-700 px-1 text-[10px] font-medium text-white">{p.event.title}</span>
                      )}
                    </div>
                  );
                })}
                <ol aria-label={`${dayHeading(d.date)}: ${blocks.length === 0 ? "nothing planned" : `${blocks.length} item${blocks.length === 1 ? "" : "s"}`}`}>
                  {blocks.map((b) => {
                    const top = y(b.p.startMinute);
                    const h = Math.max(y(b.p.endMinute) - top, HOUR_PX / 2);
                    return <Block key={b.p.event.id} b={b} top={top} height={Math.min(h, height - top)} conflictNames={b.p.event.conflictsWith.map((id) => numbers.get(id) ?? id).join(", ")} />;
                  })}
                </ol>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
