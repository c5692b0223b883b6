import Link from "next/link";

/** `more`: the total was counted only up to a cap, and more rows exist past the last counted page. */
export function Pagination({ page, pageCount, total, more = false, hrefFor }: { page: number; pageCount: number; total: number; more?: boolean; hrefFor: (page: number) => string }) {
  const plus = more ? "+" : "";
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-slate-600">
      <span>
        {total.toLocaleString("en")}{plus} result{total === 1 && !more ? "" : "s"} · page {page} of {pageCount.toLocaleString("en")}{plus}
      </span>
      <span className="flex gap-2">
        {page > 1 ? <Link className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50" href={hrefFor(page - 1)}>← Previous</Link> : null}
        {page < pageCount || more ? <Link className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50" href={hrefFor(page + 1)}>Next →</Link> : null}
      </span>
    </nav>
  );
}
