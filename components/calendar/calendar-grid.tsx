import Link from "next/link";
import type { CalendarEventKind, CalendarWeek, PlacedEvent } from "@/lib/domain/change-calendar";

export const KIND_STYLES: Record<CalendarEventKind, string> = {
  "freeze-window": "bg-slate-700 text-white",
  "cab-meeting": "bg-violet-100 text-violet-900",
  "change-window": "bg-blue-100 text-blue-900",
  deployment: "bg-green-100 text-green-900",
};
export const KIND_LABELS: Record<CalendarEventKind, string> = {
  "freeze-window": "Freeze window",
  "cab-meeting": "CAB meeting",
  "change-window": "Change window",
  deployment: "Deployment",
};

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(Math.floor(minute % 60)).padStart(2, "0")}`;

function hrefOf(p: PlacedEvent): string | null {
  const e = p.event;
  if (e.kind === "change-window") return `/changes/${e.refId}`;
  if (e.kind === "deployment") return `/deployments/${e.refId}`;
  return null;
}

function EventChip({ p, numbers }: { p: PlacedEvent; numbers: ReadonlyMap<string, string> }) {
  const e = p.event;
  const conflict = e.conflictsWith.length > 0;
  const time = p.continuesBefore ? "…" : hhmm(p.startMinute);
  const body = (
    <>
      <span className="font-mono">{time}</span> {e.title}
      {conflict && (
        <span className="ml-1 rounded bg-red-600 px-1 font-semibold text-white" title={`Overlaps ${e.conflictsWith.map((id) => numbers.get(id) ?? id).join(", ")} on the same service`}>
          Conflict with {e.conflictsWith.map((id) => numbers.get(id) ?? id).join(", ")}
        </span>
      )}
    </>
  );
  const href = hrefOf(p);
  const cls = `block truncate rounded px-1 py-0.5 text-[11px] leading-tight ${KIND_STYLES[e.kind]} ${conflict ? "ring-2 ring-red-500" : ""}`;
  return (
    <li title={`${KIND_LABELS[e.kind]}: ${e.title}`} data-kind={e.kind} data-conflict={conflict || undefined}>
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

/** Week rows of day cells, each listing its events in time order; conflicts are outlined in red. */
export function CalendarGrid({ weeks, tall = false, today }: { weeks: CalendarWeek[]; tall?: boolean; today: string }) {
  const numbers = new Map<string, string>();
  for (const w of weeks) for (const d of w.days) for (const p of d.events) if (p.event.kind === "change-window") numbers.set(p.event.refId, p.event.title.split(":")[0] ?? "");
  return (
    <div role="grid" aria-label="Calendar" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <div role="row" className="grid grid-cols-7 border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase text-slate-500">
        {WEEKDAYS.map((d) => (
          <div role="columnheader" key={d} className="px-2 py-1">
            {d}
          </div>
        ))}
      </div>
      {weeks.map((w) => (
        <div role="row" key={w.days[0]?.date} className="grid grid-cols-7 divide-x divide-slate-100 border-b border-slate-100">
          {w.days.map((d) => (
            <div role="gridcell" key={d.date} aria-label={d.date} className={`${tall ? "min-h-64" : "min-h-24"} p-1 ${d.inMonth ? "" : "bg-slate-50 text-slate-500"} ${d.isWeekend ? "bg-slate-50/60" : ""}`}>
              <div className={`text-xs ${d.date === today ? "inline-block rounded-full bg-indigo-600 px-1.5 font-semibold text-white" : "text-slate-500"}`}>{Number(d.date.slice(8))}</div>
              <ul className="mt-0.5 space-y-0.5">
                {d.events.slice(0, tall ? 40 : 6).map((p) => (
                  <EventChip key={p.event.id} p={p} numbers={numbers} />
                ))}
                {d.events.length > (tall ? 40 : 6) && <li className="text-[11px] text-slate-500">+{d.events.length - (tall ? 40 : 6)} more</li>}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
