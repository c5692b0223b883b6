import { DirectorySelect } from "@/components/ui/directory-select";
import { inputClass } from "@/components/ui/field";
import { HISTORY_SORT_FIELDS, OUTCOME_FILTER_LABELS, OUTCOME_FILTERS, PAGE_SIZES } from "@/lib/domain/history-filters";
import { METRIC_ROW_SET_LABELS, METRIC_ROW_SETS } from "@/lib/domain/metric-rows";
import { CR_STRATEGIES, STRATEGY_SHORT_LABELS } from "@/lib/domain/strategy-names";
import type { DirectoryLabels } from "@/lib/schemas/filter-options";
import { RISK_LABELS, RISK_LEVELS } from "@/lib/domain/vocabulary";

const SORT_LABELS: Record<(typeof HISTORY_SORT_FIELDS)[number], string> = {
  started: "Start",
  finished: "End",
  duration: "Duration",
  service: "Service",
  outcome: "Outcome",
  risk: "Risk",
};

function Select(props: { name: string; label: string; value?: string; error?: string; any?: string; options: { value: string; label: string }[] }) {
  const { name, label, value, error, options } = props;
  // Keep an unknown value selectable so the message beside it makes sense.
  const opts = value && !options.some((o) => o.value === value) ? [...options, { value, label: `${value} (unknown)` }] : options;
  return (
    <div className="text-xs font-medium text-slate-600">
      <label htmlFor={`h-${name}`}>{label}</label>
      <select id={`h-${name}`} name={name} defaultValue={value ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `h-${name}-error` : undefined} className={`${inputClass} mt-0.5`}>
        {props.any !== undefined && <option value="">{props.any}</option>}
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && <p id={`h-${name}-error`} className="mt-0.5 font-normal text-red-700">{error}</p>}
    </div>
  );
}

function DateInput({ name, label, value, error }: { name: string; label: string; value?: string; error?: string }) {
  return (
    <div className="text-xs font-medium text-slate-600">
      <label htmlFor={`h-${name}`}>{label}</label>
      <input type="date" id={`h-${name}`} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `h-${name}-error` : undefined} className={`${inputClass} mt-0.5`} />
      {error && <p id={`h-${name}-error`} className="mt-0.5 font-normal text-red-700">{error}</p>}
    </div>
  );
}

/**
 * A GET form: the filters live in the URL, so a filtered history can be bookmarked, shared and exported.
 * `labels` names the chosen service, team and requester; the selects load the full lists themselves.
 */
export function HistoryFilterForm(props: { values: Record<string, string>; errors: Record<string, string>; labels: DirectoryLabels }) {
  const { values: v, errors: e, labels } = props;
  return (
    <form method="get" action="/history" role="search" aria-label="Filter deployments" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-6">
      <DirectorySelect id="h-service" name="service" label="Service" list="services" any="Any" value={v.service} valueLabel={labels.service} error={e.service} />
      <DirectorySelect id="h-team" name="team" label="Team" list="teams" any="Any" value={v.team} valueLabel={labels.team} error={e.team} />
      <Select name="outcome" label="Outcome" any="Any" value={v.outcome} error={e.outcome} options={OUTCOME_FILTERS.map((o) => ({ value: o, label: OUTCOME_FILTER_LABELS[o] }))} />
      <Select name="strategy" label="Strategy" any="Any" value={v.strategy} error={e.strategy} options={CR_STRATEGIES.map((s) => ({ value: s, label: STRATEGY_SHORT_LABELS[s] }))} />
      <Select name="risk" label="Risk" any="Any" value={v.risk} error={e.risk} options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_LABELS[r] }))} />
      <DirectorySelect id="h-requester" name="requester" label="Requester" list="people" any="Anyone" value={v.requester} valueLabel={labels.requester} error={e.requester} />
      {/* One time basis with the dashboard: dates select by when a deployment finished. */}
      <DateInput name="from" label="Finished from" value={v.from} error={e.from} />
      <DateInput name="to" label="Finished until" value={v.to} error={e.to} />
      <Select name="rows" label="Counted in" any="Any deployment" value={v.rows} error={e.rows} options={METRIC_ROW_SETS.map((r) => ({ value: r, label: METRIC_ROW_SET_LABELS[r] }))} />
      <Select
        name="sort"
        label="Sort by"
        value={v.sort ?? "-started"}
        error={e.sort}
        options={HISTORY_SORT_FIELDS.flatMap((f) => [
          { value: `-${f}`, label: `${SORT_LABELS[f]}, descending` },
          { value: f, label: `${SORT_LABELS[f]}, ascending` },
        ])}
      />
      <Select name="pageSize" label="Rows per page" value={v.pageSize ?? "50"} error={e.pageSize} options={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))} />
      <div className="flex items-end gap-2 md:col-span-2">
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          Apply
        </button>
        <a href="/history" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
          Clear
        </a>
      </div>
    </form>
  );
}
