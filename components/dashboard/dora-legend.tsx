import { DORA_LEVEL_RULES, DORA_SOURCE, DORA_SOURCE_YEAR, MIN_DEPLOYMENTS } from "@/lib/domain/dora-levels";

// The published table and how the dashboard applies it, on the page, so a manager can defend a level.
const ROWS: { metric: string; key: keyof typeof DORA_LEVEL_RULES; published: string }[] = [
  {
    metric: "Deployment frequency",
    key: "deploymentFrequency",
    published: "Elite on demand (multiple deploys per day); High once per day to once per week; Medium once per week to once per month; Low (overlapping Medium in the report)",
  },
  { metric: "Lead time for changes", key: "leadTime", published: "Elite < 1 day; High 1 day–1 week; Medium 1 week–1 month; Low (overlapping Medium)" },
  { metric: "Change failure rate", key: "changeFailureRate", published: "Cluster centres: Elite 5 %, High 10 %, Medium 15 %, Low 64 %" },
  { metric: "Recovery (mean time to rollback)", key: "recoveryTime", published: "Elite < 1 hour; High < 1 day; Medium 1 day–1 week; Low 1–6 months" },
];

export function DoraLegend() {
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3 text-xs text-slate-600">
      <summary className="cursor-pointer font-medium text-slate-700">
        DORA levels: {DORA_SOURCE} ({DORA_SOURCE_YEAR}). How they are applied
      </summary>
      <p className="mt-2">
        The report describes clusters of survey answers, not limits. Each level keeps its published range; a gap between ranges goes to the
        level below, an overlap to the better level, and for the change failure rate the nearest cluster centre wins (limits halfway between
        centres). With fewer than {MIN_DEPLOYMENTS} deployments finished in the period (or, for lead time, fewer than 5 with a known commit
        time; for recovery, no timed rollback) a card says &ldquo;not enough data&rdquo; instead of a level. Deployment success rate is not a
        DORA metric: it is judged against the seed&apos;s target (&gt; 95 %) only.
      </p>
      <table className="mt-2 w-full text-left">
        <thead>
          <tr className="text-slate-700">
            <th className="py-1 pr-2">Metric</th>
            <th className="py-1 pr-2">Published ({DORA_SOURCE_YEAR})</th>
            <th className="py-1">Applied here</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.key} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-2 font-medium">{r.metric}</td>
              <td className="py-1 pr-2">{r.published}</td>
              <td className="py-1">{DORA_LEVEL_RULES[r.key]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
