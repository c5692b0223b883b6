import Link from "next/link";

export function Pagination({ page, pageCount, total, hrefFor }: { page: number; pageCount: number; total: number; hrefFor: (page: number) => string }) {
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-slate-600">
      <span>
        {total.toLocaleString("en")} result{total === 1 ? "" : "s"} · page {page} of {pageCount}
      </span>
      <span className="flex gap-2">
        {page > 1 ? <Link className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50" href={hrefFor(page - 1)}>← Previous</Link> : null}
        {page < pageCount ? <Link className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50" href={hrefFor(page + 1)}>Next →</Link> : null}
      </span>
    </nav>
  );
}
