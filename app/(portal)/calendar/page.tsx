import Link from "next/link";
import { CalendarGrid, KIND_LABELS, KIND_STYLES } from "@/components/calendar/calendar-grid";
import { Alert } from "@/components/ui/alert";
import { requirePagePermission } from "@/lib/auth/session";
import { monthGrid, monthGridRange, shiftMonth, shiftWeek, weekGrid, weekGridRange, CALENDAR_EVENT_KINDS } from "@/lib/domain/change-calendar";
import { isCalendarDate, searchParamsToRecord } from "@/lib/domain/url-params";
import { loadCalendarEvents } from "@/lib/server/calendar-queries";
import { localToday, orgTimeZone } from "@/lib/server/org-time-zone";

export const metadata = { title: "Change calendar" };

const tab = (active: boolean) => `rounded-md px-3 py-1 text-sm ${active ? "bg-indigo-600 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`;

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("history:view", "/calendar");
  const q = searchParamsToRecord(await searchParams);
  const zone = await orgTimeZone();
  const today = localToday(zone);
  const view = q.view === "week" ? "week" : "month";
  const month = q.month ?? today.slice(0, 7);
  const date = q.date ?? today;
  const error =
    q.view && q.view !== "week" && q.view !== "month"
      ? `Unknown view "${q.view}". Use month or week.`
      : view === "month" && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)
        ? `"${month}" is not a month; write it like 2024-03.`
        : view === "week" && !isCalendarDate(date)
          ? `"${date}" is not a date; write it like 2024-03-31.`
          : null;
  if (error) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Change calendar</h1>
        <Alert tone="error">{error}</Alert>
        <Link href="/calendar" className="text-sm text-indigo-700 hover:underline">Show this month</Link>
      </div>
    );
  }
  const range = view === "month" ? monthGridRange(month, zone) : weekGridRange(date, zone);
  const events = await loadCalendarEvents(actor, range);
  const weeks = view === "month" ? monthGrid(month, zone, events).weeks : [weekGrid(date, zone, events).week];
  const conflicts = events.filter((e) => e.conflictsWith.length > 0).length;
  const prev = view === "month" ? `?view=month&month=${shiftMonth(month, -1)}` : `?view=week&date=${shiftWeek(date, -1)}`;
  const next = view === "month" ? `?view=month&month=${shiftMonth(month, 1)}` : `?view=week&date=${shiftWeek(date, 1)}`;
  const title = view === "month" ? month : `Week of ${weeks[0]?.days[0]?.date ?? date}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Change calendar</h1>
        <nav aria-label="Calendar view" className="flex gap-2">
          <Link className={tab(view === "month")} href={`?view=month&month=${view === "month" ? month : date.slice(0, 7)}`}>Month</Link>
          <Link className={tab(view === "week")} href={`?view=week&date=${view === "week" ? date : `${month}-01`}`}>Week</Link>
        </nav>
      </div>
      <div className="flex items-center gap-3">
        <Link href={prev} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50">← Previous</Link>
        <h2 className="text-lg font-medium">{title}</h2>
        <Link href={next} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50">Next →</Link>
        <span className="text-xs text-slate-500">Times in {zone}</span>
      </div>
      {conflicts > 0 && <Alert tone="warning">{conflicts === 1 ? "1 change window overlaps" : `${conflicts} change windows overlap`} another change to the same service (outlined in red).</Alert>}
      <ul aria-label="Legend" className="flex flex-wrap gap-3 text-xs text-slate-600">
        {CALENDAR_EVENT_KINDS.map((k) => (
          <li key={k} data-kind={k} className={`rounded px-1.5 py-0.5 ${KIND_STYLES[k]}`}>{KIND_LABELS[k]}</li>
        ))}
      </ul>
      <CalendarGrid weeks={weeks} tall={view === "week"} today={today} />
    </div>
  );
}
