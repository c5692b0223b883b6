import Link from "next/link";
import { ChangeFilters } from "@/components/changes/change-filters";
import { ChangeTable } from "@/components/changes/change-table";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { changeListQuery, parseChangeList } from "@/lib/schemas/change-list";
import { listChanges } from "@/lib/server/change-list";
import { resolveDirectoryIds } from "@/lib/server/filter-options";

export const metadata = { title: "Change requests" };

export default async function ChangesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("/changes");
  const filters = parseChangeList(await searchParams);
  // Only the chosen service's and requester's names: the selects fetch the full lists in the browser.
  const [result, { labels }, zone] = await Promise.all([
    listChanges(actor, filters),
    resolveDirectoryIds({ service: filters.service, requester: filters.requester === "me" ? undefined : filters.requester }),
    viewerTimeZone(),
  ]);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Change requests</h1>
        {can(actor, "change:create") && (
          <Link href="/changes/new" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-700">
            New change request
          </Link>
        )}
      </div>
      <ChangeFilters filters={filters} labels={labels} />
      <ChangeTable rows={result.rows} zone={zone} />
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} more={result.capped} hrefFor={(page) => `/changes${changeListQuery({ ...filters, page })}`} />
    </div>
  );
}
