"use client";
// The agenda's time boxes with the current part's used and remaining time. It ticks in the browser,
// but from the server's clock: the offset between the server's "now" at render and this browser's
// clock is kept, so every member's page shows the same minute whatever their own clock says.
import { DateTime } from "luxon";
import { useEffect, useState } from "react";
import { agendaClock, formatClock, type ClockPart } from "@/lib/domain/cab-clock";

export function MeetingClock({ parts, startedAt, currentPartId, serverNow, zone }: { parts: ClockPart[]; startedAt: string; currentPartId: string | null; serverNow: string; zone: string }) {
  const [offset] = useState(() => new Date(serverNow).getTime() - Date.now());
  const [now, setNow] = useState(() => new Date(serverNow).getTime());
  useEffect(() => {
    const tick = () => setNow(Date.now() + offset);
    tick();
    const t = setInterval(tick, 1000);
    return () => clearInterval(t);
  }, [offset]);
  const c = agendaClock(parts, new Date(startedAt).getTime(), currentPartId, now);
  const part = c.parts[c.current]!;
  const hm = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("HH:mm");
  const status =
    c.pace === "AHEAD"
      ? `ahead of plan: its ${part.minutes} minutes start at ${hm(part.startsAt)}`
      : c.pace === "ON_TIME"
        ? `${formatClock(c.elapsedMs)} used, ${formatClock(c.remainingMs)} left of ${part.minutes} min`
        : `over its ${part.minutes} minutes by ${formatClock(c.remainingMs)}`;
  return (
    <section aria-label="Agenda timer" className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="text-sm">
          <span className="font-semibold text-slate-900">Now: {part.title}</span>{" "}
          <span className={c.pace === "OVER" ? "font-medium text-red-700" : "text-slate-700"} data-testid="part-clock">
            {status}
          </span>
        </p>
        <p className="text-xs text-slate-600">
          Meeting {formatClock(c.meetingElapsedMs)} of {c.meetingPlannedMs / 60_000} min (started {hm(new Date(startedAt).getTime())})
        </p>
      </div>
      <ol className="mt-2 grid grid-cols-2 gap-1 sm:grid-cols-4" aria-label="Agenda parts">
        {c.parts.map((p, i) => {
          const done = i < c.current;
          const current = i === c.current;
          return (
            <li
              key={p.id}
              aria-current={current ? "step" : undefined}
              className={`rounded px-2 py-1 text-xs ${current ? "bg-indigo-600 text-white" : done ? "bg-slate-100 text-slate-500" : "bg-slate-50 text-slate-700"}`}
            >
              <span className="block font-medium">{i + 1}. {p.title}</span>
              <span>
                {hm(p.startsAt)}–{hm(p.endsAt)} · {p.minutes} min
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
