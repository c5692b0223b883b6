import Link from "next/link";
import { dayHeading } from "@/lib/domain/calendar-layout";
import type { CalendarDay } from "@/lib/domain/change-calendar";
import { eventHref, KIND_LABELS, KIND_STYLES } from "./calendar-kinds";
import { spanText } from "./week-time-grid";

/**
 * Days as a plain list, each event on its own line with its times and kind: the calendar on a phone,
 * and what a month's "+N more" opens. Days with nothing on them are left out.
 */
export function DayList({ days, today, numbers, empty }: { days: readonly CalendarDay[]; today: string; numbers: ReadonlyMap<string, string>; empty: string }) {
  const shown = days.filter((d) => d.events.length > 0);
  if (shown.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">{empty}</p>;
  return (
    <div className="space-y-3" data-testid="day-list">
      {shown.map((d) => (
        <section key={d.date} aria-label={dayHeading(d.date)} className="rounded-lg border border-slate-200 bg-white">
          <h3 className={`border-b border-slate-100 px-3 py-1.5 text-sm font-semibold ${d.date === today ? "text-indigo-700" : "text-slate-800"}`}>
            {dayHeading(d.date)} {d.date === today && <span className="ml-1 rounded bg-indigo-600 px-1 text-[10px] text-white">today</span>}
          </h3>
          <ul className="divide-y divide-slate-100">
            {d.events.map((p) => {
              const e = p.event;
              const href = eventHref(e);
              const conflict = e.conflictsWith.length > 0;
              return (
                <li key={e.id} data-kind={e.kind} className="flex gap-3 px-3 py-2 text-sm">
                  <span className="w-24 shrink-0 font-mono text-xs text-slate-700">{spanText(p)}</span>
                  <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">
                    <span className={`mr-1.5 rounded px-1 text-[11px] ${KIND_STYLES[e.kind]}`}>{KIND_LABELS[e.kind]}</span>
                    {href ? (
                      <Link href={href} className="text-indigo-700 hover:underline">
                        {e.title}
                      </Link>
                    ) : (
                      e.title
                    )}
                    {conflict && <span className="ml-1 text-xs font-semibold text-red-700">Conflicts with {e.conflictsWith.map((id) => numbers.get(id) ?? id).join(", ")}</span>}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
