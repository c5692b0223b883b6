import { DirectorySelect } from "@/components/ui/directory-select";
import { inputClass } from "@/components/ui/field";
import { CHANGE_TYPE_LABELS, CHANGE_TYPES, CR_STATE_LABELS, CR_STATES, RISK_LABELS, RISK_LEVELS } from "@/lib/domain/vocabulary";
import type { ChangeListFilters } from "@/lib/schemas/change-list";
import type { DirectoryLabels } from "@/lib/schemas/filter-options";

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <div className="text-xs font-medium text-slate-600">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={`${inputClass} mt-0.5`}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A plain GET form: the filters live in the URL, so a filtered list can be bookmarked and shared.
 * `labels` names the chosen service and requester; the selects load the full lists themselves.
 */
export function ChangeFilters({ filters, labels }: { filters: ChangeListFilters; labels: DirectoryLabels }) {
  return (
    <form method="get" action="/changes" role="search" aria-label="Filter change requests" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-8">
      <label className="text-xs font-medium text-slate-600 md:col-span-2">
        Search
        <input name="q" id="filter-q" defaultValue={filters.q} placeholder="Summary or CR-2026-001" className={`${inputClass} mt-0.5`} />
      </label>
      <Select name="state" label="State" value={filters.state} options={CR_STATES.map((s) => ({ value: s, label: CR_STATE_LABELS[s] }))} />
      <Select name="risk" label="Risk" value={filters.risk} options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_LABELS[r] }))} />
      <Select name="type" label="Type" value={filters.type} options={CHANGE_TYPES.map((t) => ({ value: t, label: CHANGE_TYPE_LABELS[t] }))} />
      <DirectorySelect id="filter-service" name="service" label="Service" list="services" any="Any" value={filters.service} valueLabel={labels.service} />
      <DirectorySelect id="filter-requester" name="requester" label="Requester" list="people" any="Any" extra={[{ value: "me", label: "Me" }]} value={filters.requester} valueLabel={labels.requester} />
      <div className="flex items-end gap-2">
        <div className="flex-1 text-xs font-medium text-slate-600">
          <label htmlFor="filter-sort">Sort</label>
          <select id="filter-sort" name="sort" defaultValue={filters.sort} className={`${inputClass} mt-0.5`}>
            <option value="newest">Newest</option>
            <option value="oldest">Oldest</option>
            <option value="window">Window</option>
            <option value="number">Number</option>
            <option value="risk">Risk</option>
          </select>
        </div>
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          Apply
        </button>
      </div>
    </form>
  );
}
