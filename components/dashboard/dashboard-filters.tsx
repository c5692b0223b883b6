import { inputClass } from "@/components/ui/field";

interface Option {
  id: string;
  name: string;
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? <p id={id} className="mt-0.5 font-normal text-red-700">{error}</p> : null;
}

function ScopeSelect({ name, label, any, options, value, error }: { name: string; label: string; any: string; options: Option[]; value?: string; error?: string }) {
  return (
    <div className="text-xs font-medium text-slate-600">
      <label htmlFor={`m-${name}`}>{label}</label>
      <select id={`m-${name}`} name={name} defaultValue={value ?? ""} aria-invalid={error ? true : undefined} className={`${inputClass} mt-0.5`}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <ErrorText id={`m-${name}-error`} error={error} />
    </div>
  );
}

/** Period and scope in the URL (GET form): one team or one service, or the whole organisation. */
export function DashboardFilterForm(props: { values: Record<string, string>; errors: Record<string, string>; teams: Option[]; services: Option[] }) {
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
      <ScopeSelect name="team" label="Team" any="All teams" options={props.teams} value={v.team} error={e.team} />
      <ScopeSelect name="service" label="Service" any="All services" options={props.services} value={v.service} error={e.service} />
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
