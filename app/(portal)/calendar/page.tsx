import Link from "next/link";
import { CalendarFilters } from "@/components/calendar/calendar-filters";
import { MonthGrid } from "@/components/calendar/calendar-grid";
import { changeNumbers, FREEZE_STRIPES, KIND_LABELS, KIND_STYLES } from "@/components/calendar/calendar-kinds";
import { DayList } from "@/components/calendar/day-list";
import { WeekTimeGrid } from "@/components/calendar/week-time-grid";
import { Alert } from "@/components/ui/alert";
import { requirePagePermission } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { calendarHref, calendarTitle, type CalendarScope, type CalendarView } from "@/lib/domain/calendar-layout";
import { monthGrid, monthGridRange, shiftMonth, shiftWeek, weekGrid, weekGridRange } from "@/lib/domain/change-calendar";
import { localDate } from "@/lib/domain/local-time";
import { isCalendarDate, searchParamsToRecord } from "@/lib/domain/url-params";
import { loadCalendarEvents } from "@/lib/server/calendar-queries";
import { resolveDirectoryIds } from "@/lib/server/filter-options";

export const metadata = { title: "Change calendar" };

const tab = (active: boolean) => `rounded-md px-3 py-1 text-sm ${active ? "bg-indigo-600 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`;
const VIEWS: readonly CalendarView[] = ["month", "week", "day"];
const shiftDay = (date: string, by: number) => new Date(Date.parse(`${date}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);

function inputError(q: Record<string, string>, view: CalendarView, month: string, date: string): string | null {
  if (q.view && !VIEWS.includes(q.view as CalendarView)) return `Unknown view "${q.view}". Use month, week or day.`;
  if (view === "month" && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return `"${month}" is not a month; write it like 2024-03.`;
  if (view !== "month" && !isCalendarDate(date)) return `"${date}" is not a date; write it like 2024-03-31.`;
  return null;
}

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("history:view", "/calendar");
  const q = searchParamsToRecord(await searchParams);
  // The calendar is read in the viewer's zone: its days, hours and header are theirs.
  const zone = await viewerTimeZone();
  const today = localDate(new Date(), zone);
  const view: CalendarView = q.view === "week" || q.view === "day" ? q.view : "month";
  const month = q.month ?? (q.date && isCalendarDate(q.date) ? q.date.slice(0, 7) : today.slice(0, 7));
  const date = q.date ?? (q.month ? `${q.month}-01` : today);
  const error = inputError(q, view, month, date);
  if (error) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Change calendar</h1>
        <Alert tone="error">{error}</Alert>
        <Link href="/calendar" className="text-sm text-indigo-700 hover:underline">Show this month</Link>
      </div>
    );
  }
  const { labels, unknown } = await resolveDirectoryIds({ service: q.service || undefined, team: q.team || undefined });
  // An unknown id names nothing: say so at its field and show the calendar without it.
  const scope: CalendarScope = { service: q.service && !unknown.service ? q.service : undefined, team: q.team && !unknown.team ? q.team : undefined };
  const anchor = view === "month" ? month : date;
  const range = view === "month" ? monthGridRange(month, zone) : weekGridRange(date, zone);
  const events = await loadCalendarEvents(actor, range, scope);
  const weeks = view === "month" ? monthGrid(month, zone, events).weeks : [weekGrid(date, zone, events).week];
  const days = weeks.flatMap((w) => w.days);
  const listDays = view === "day" ? days.filter((d) => d.date === date) : view === "month" ? days.filter((d) => d.inMonth) : days;
  const numbers = changeNumbers(days);
  const conflicts = events.filter((e) => e.conflictsWith.length > 0).length;
  const step = view === "month" ? calendarHref("month", shiftMonth(month, -1), scope) : calendarHref(view, view === "week" ? shiftWeek(date, -1) : shiftDay(date, -1), scope);
  const next = view === "month" ? calendarHref("month", shiftMonth(month, 1), scope) : calendarHref(view, view === "week" ? shiftWeek(date, 1) : shiftDay(date, 1), scope);
  const dayHref = (d: string) => calendarHref("day", d, scope);
  const scopeWords = [labels.service && `service ${labels.service}`, labels.team && `team ${labels.team}`].filter(Boolean).join(" and ");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Change calendar</h1>
        <nav aria-label="Calendar view" className="flex gap-2">
          <Link className={tab(view === "month")} aria-current={view === "month" ? "page" : undefined} href={calendarHref("month", view === "month" ? month : date.slice(0, 7), scope)}>Month</Link>
          <Link className={tab(view === "week")} aria-current={view === "week" ? "page" : undefined} href={calendarHref("week", view === "month" ? (month === today.slice(0, 7) ? today : `${month}-01`) : date, scope)}>Week</Link>
          <Link className={tab(view === "day")} aria-current={view === "day" ? "page" : undefined} href={calendarHref("day", view === "month" ? (month === today.slice(0, 7) ? today : `${month}-01`) : date, scope)}>Day</Link>
        </nav>
      </div>
      <CalendarFilters view={view} anchor={anchor} values={{ service: q.service, team: q.team }} errors={unknown} labels={labels} clearHref={calendarHref(view, anchor, {})} />
      <div className="flex flex-wrap items-center gap-3">
        <Link href={step} aria-label="Previous" className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50">← <span className="hidden sm:inline">Previous</span></Link>
        <h2 className="text-lg font-medium" data-testid="calendar-title">{calendarTitle(view, anchor)}</h2>
        <Link href={next} aria-label="Next" className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50"><span className="hidden sm:inline">Next</span> →</Link>
        <Link href={calendarHref(view, view === "month" ? today.slice(0, 7) : today, scope)} className="text-sm text-indigo-700 hover:underline">Today</Link>
        <span className="text-xs text-slate-600">
          Times in {zone}
          {scopeWords ? ` · only ${scopeWords} (CAB meetings and freezes always show)` : ""}
        </span>
      </div>
      {conflicts > 0 && <Alert tone="warning">{conflicts === 1 ? "1 change window overlaps" : `${conflicts} change windows overlap`} another change to the same service (outlined in red).</Alert>}
      <ul aria-label="Legend" className="flex flex-wrap gap-3 text-xs text-slate-700">
        {(["change-window", "deployment", "cab-meeting"] as const).map((k) => (
          <li key={k} data-kind={k} className={`rounded px-1.5 py-0.5 ${KIND_STYLES[k]}`}>{KIND_LABELS[k]}</li>
        ))}
        <li data-kind="freeze-window" className="rounded border border-slate-400/60 px-1.5 py-0.5" style={{ backgroundImage: FREEZE_STRIPES }}>Freeze window (shaded)</li>
      </ul>
      {view === "day" ? (
        <DayList days={listDays} today={today} numbers={numbers} empty="Nothing planned on this day." />
      ) : (
        <>
          {/* A phone gets the same days as a list; the grid needs a wider screen to be read. */}
          <div className="md:hidden">
            <DayList days={listDays} today={today} numbers={numbers} empty={view === "month" ? "Nothing planned this month." : "Nothing planned this week."} />
          </div>
          <div className="hidden md:block">
            {view === "week" ? <WeekTimeGrid week={weeks[0]!} today={today} numbers={numbers} /> : <MonthGrid weeks={weeks} today={today} numbers={numbers} dayHref={dayHref} />}
          </div>
        </>
      )}
    </div>
  );
}
