import { HistoryFilterForm } from "@/components/history/history-filters";
import { HistoryTable } from "@/components/history/history-table";
import { Alert } from "@/components/ui/alert";
import { Pagination } from "@/components/ui/pagination";
import { requirePagePermission } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { METRIC_ROW_SET_LABELS } from "@/lib/domain/metric-rows";
import { historyFiltersToQuery } from "@/lib/domain/history-filters";
import { searchParamsToRecord } from "@/lib/domain/url-params";
import { listHistory, resolveHistoryFilters } from "@/lib/server/history-queries";

export const metadata = { title: "Deployment history" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function HistoryPage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePagePermission("history:view", "/history");
  const params = await searchParams;
  const resolved = await resolveHistoryFilters(params);
  const values = searchParamsToRecord(params);
  const errors = resolved.ok ? {} : resolved.errors;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Deployment history</h1>
        {resolved.ok && (
          <a href={`/history/export${historyFiltersToQuery({ ...resolved.filters, page: undefined, pageSize: undefined })}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50" download>
            Download CSV
          </a>
        )}
      </div>
      <HistoryFilterForm values={values} errors={errors} labels={resolved.labels} />
      {resolved.ok ? <Results actor={actor} resolved={resolved} /> : <Alert tone="error">Fix the filters above to see deployments: {Object.values(errors).join(" ")}</Alert>}
    </div>
  );
}

async function Results({ actor, resolved }: { actor: Parameters<typeof listHistory>[0]; resolved: Extract<Awaited<ReturnType<typeof resolveHistoryFilters>>, { ok: true }> }) {
  const { filters, zone } = resolved;
  // Dates select by the organisation's days (as the metrics count them); times read in the viewer's zone.
  const [result, viewZone] = await Promise.all([listHistory(actor, filters, zone), viewerTimeZone()]);
  if (result.total === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
        <p className="font-medium text-slate-700">No deployments match these filters.</p>
        <p className="mt-1">Widen the date range or clear a filter. A CSV download now would hold only the header row.</p>
      </div>
    );
  }
  if (filters.page > result.pageCount) {
    // An old link or a hand-typed page: say so and offer the way back instead of an empty table.
    return (
      <Alert tone="info">
        Page {filters.page} is past the end ({result.pageCount} page{result.pageCount === 1 ? "" : "s"}).{" "}
        <a className="font-medium underline" href={`/history${historyFiltersToQuery({ ...filters, page: result.pageCount })}`}>
          Go to the last page
        </a>{" "}
        or{" "}
        <a className="font-medium underline" href={`/history${historyFiltersToQuery({ ...filters, page: 1 })}`}>
          the first page
        </a>
        .
      </Alert>
    );
  }
  return (
    <>
      <p className="text-xs text-slate-500">
        {result.capped ? `More than ${result.total.toLocaleString("en")} deployments match; narrow the filters for an exact count. ` : ""}Times are in {viewZone}{viewZone === zone ? "" : " (your zone)"}. Dates select deployments by when they finished, on the organisation&apos;s days ({zone}), as the metrics do
        {filters.rows ? `; showing only: ${METRIC_ROW_SET_LABELS[filters.rows]}` : ""}. Open a row to see the deployment&apos;s full timeline.
      </p>
      <HistoryTable rows={result.rows} zone={viewZone} />
      <Pagination page={filters.page} pageCount={result.pageCount} total={result.total} hrefFor={(page) => `/history${historyFiltersToQuery({ ...filters, page })}`} />
    </>
  );
}
