import { DirectorySelect } from "@/components/ui/directory-select";
import { inputClass } from "@/components/ui/field";
import type { DirectoryLabels } from "@/lib/schemas/filter-options";

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? <p id={id} className="mt-0.5 font-normal text-red-700">{error}</p> : null;
}

/** Period and scope in the URL (GET form): one team or one service, or the whole organisation. */
export function DashboardFilterForm(props: { values: Record<string, string>; errors: Record<string, string>; labels: DirectoryLabels }) {
  const { values: v, errors: e } = props;
  const cls = `${inputClass} mt-0.5`;
  return (
    <form method="get" action="/metrics" role="search" aria-label="Choose period and scope" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-6">
      <div className="text-xs font-medium text-slate-600">
        <label htmlFor="m-from">From</label>
        <input type="date" id="m-from" name="from" defaultValue={v.from} aria-invalid={e.from ? true : undefined} aria-describedby="m-from-error" className={cls} />
        <ErrorText id="m-from-error" error={e.from} />
      </div>
      <div className="text-xs font-medium text-slate-600">
        <label htmlFor="m-to">To</label>
        <input type="date" id="m-to" name="to" defaultValue={v.to} aria-invalid={e.to ? true : undefined} aria-describedby="m-to-error" className={cls} />
        <ErrorText id="m-to-error" error={e.to} />
      </div>
      <DirectorySelect id="m-team" name="team" label="Team" list="teams" any="All teams" value={v.team} valueLabel={props.labels.team} error={e.team} />
      <DirectorySelect id="m-service" name="service" label="Service" list="services" any="All services" value={v.service} valueLabel={props.labels.service} error={e.service} />
      <div className="text-xs font-medium text-slate-600">
        <label htmlFor="m-granularity">Trend by</label>
        <select id="m-granularity" name="granularity" defaultValue={v.granularity ?? ""} className={cls}>
          <option value="">Automatic</option>
          <option value="day">Day</option>
          <option value="week">Week</option>
        </select>
        <ErrorText id="m-granularity-error" error={e.granularity} />
      </div>
      <div className="flex items-end">
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          Show
        </button>
      </div>
    </form>
  );
}
