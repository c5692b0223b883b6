import { inputClass } from "@/components/ui/field";

/** The flag list's filters: a plain GET form, so the server does the filtering and paging. */
export function FlagFilters({ q, serviceId, environment, services }: { q: string; serviceId: string; environment: string; services: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/flags" className="flex flex-wrap items-end gap-3" role="search" aria-label="Search flags">
      <label className="text-sm">
        <span className="block text-slate-600">Name</span>
        <input name="q" defaultValue={q} className={inputClass} placeholder="Search by name" />
      </label>
      <label className="text-sm">
        <span className="block text-slate-600">Service</span>
        <select name="service" defaultValue={serviceId} className={inputClass}>
          <option value="">All services</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-slate-600">Environment</span>
        <select name="env" defaultValue={environment} className={inputClass}>
          <option value="">All</option>
          <option value="production">production</option>
          <option value="staging">staging</option>
        </select>
      </label>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">Search</button>
    </form>
  );
}
