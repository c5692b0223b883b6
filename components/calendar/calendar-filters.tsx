import { DirectorySelect } from "@/components/ui/directory-select";
import type { CalendarView } from "@/lib/domain/calendar-layout";
import type { DirectoryLabels } from "@/lib/schemas/filter-options";

/**
 * A GET form: the service and team live in the URL with the view and date, so a filtered calendar can
 * be bookmarked and shared. CAB meetings and freezes concern every service and always show.
 */
export function CalendarFilters(props: {
  view: CalendarView;
  anchor: string;
  values: { service?: string; team?: string };
  errors: Record<string, string>;
  labels: DirectoryLabels;
  clearHref: string;
}) {
  const { view, anchor, values: v, errors: e, labels } = props;
  return (
    <form method="get" action="/calendar" role="search" aria-label="Filter the calendar" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <input type="hidden" name="view" value={view} />
      <input type="hidden" name={view === "month" ? "month" : "date"} value={anchor} />
      <div className="w-full sm:w-56">
        <DirectorySelect id="cal-service" name="service" label="Service" list="services" any="Every service" value={v.service} valueLabel={labels.service} error={e.service} />
      </div>
      <div className="w-full sm:w-56">
        <DirectorySelect id="cal-team" name="team" label="Team" list="teams" any="Every team" value={v.team} valueLabel={labels.team} error={e.team} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          Apply
        </button>
        {(v.service || v.team) && (
          <a href={props.clearHref} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
            Clear
          </a>
        )}
      </div>
    </form>
  );
}
