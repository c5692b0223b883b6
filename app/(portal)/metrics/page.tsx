import { DailyDeploymentsChart } from "@/components/dashboard/daily-deployments-chart";
import { DoraLegend } from "@/components/dashboard/dora-legend";
import { DashboardFilterForm } from "@/components/dashboard/dashboard-filters";
import { MetricCard } from "@/components/dashboard/metric-card";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { formatClock } from "@/lib/domain/local-time";
import { dailyColumns } from "@/lib/domain/chart-series";
import { historyFiltersToQuery } from "@/lib/domain/history-filters";
import { searchParamsToRecord } from "@/lib/domain/url-params";
import { loadDashboard, resolveDashboardFilters } from "@/lib/server/dashboard-queries";

export const metadata = { title: "Delivery metrics" };

export default async function MetricsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("history:view", "/metrics");
  const params = await searchParams;
  const req = await resolveDashboardFilters(params);
  const values = req.ok ? { ...searchParamsToRecord(params), from: req.filters.from, to: req.filters.to } : searchParamsToRecord(params);
  const errors = req.ok ? {} : req.errors;
  const [data, viewZone] = await Promise.all([req.ok ? loadDashboard(actor, req) : null, viewerTimeZone()]);
  const stepDays = data?.metrics.granularity === "week" ? 7 : 1;
  // What each card needs to link its numbers and chart buckets to the history rows behind them.
  // Links open the history from the first recorded deployment when the period starts before it: the
  // same rows, and history refuses typed ranges longer than the recorded data (url-params.ts).
  const linkFrom = req.ok && req.dataBegins && req.dataBegins > req.filters.from && req.dataBegins <= req.filters.to ? req.dataBegins : req.ok ? req.filters.from : "";
  const drill = req.ok ? { scope: { service: req.filters.service, team: req.filters.team }, period: { from: linkFrom, to: req.filters.to } } : null;
  const cardProps = data && drill ? { stepDays, drill, totals: data.metrics.totals } as const : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Delivery metrics</h1>
      <DashboardFilterForm values={values} errors={errors} labels={req.labels} />
      {!req.ok || !data || !cardProps || !drill ? (
        <Alert tone="error">Fix the period or scope above to see the metrics: {Object.values(errors).join(" ")}</Alert>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {req.filters.from} to {req.filters.to} for {req.scopeLabel}: {data.metrics.totals.finished} deployments finished —{" "}
            {data.metrics.totals.succeeded} succeeded, {data.metrics.totals.failed} failed, {data.metrics.totals.rolledBack} rolled back. Trends by{" "}
            {data.metrics.granularity}. Computed at {formatClock(data.computedAt, viewZone)} {viewZone} (shared for up to 30 seconds).{" "}
            <a href={`/history/export${historyFiltersToQuery({ ...drill.scope, ...drill.period })}`} className="text-indigo-700 underline" download>
              Download these deployments as CSV
            </a>{" "}
            to recompute every number (each card says how).
          </p>
          <p className="text-xs text-slate-500" data-testid="metrics-days-note">
            Days and weeks are the organisation&apos;s, in {req.zone}: the metrics are defined on its calendar days
            {viewZone === req.zone ? "" : `, not on your zone's (${viewZone})`}. A deployment finishing at 23:30 there counts on that day.
          </p>
          {data.metrics.totals.finished === 0 && <Alert tone="info">No deployment finished in this period and scope; the metrics below are empty.</Alert>}
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            <MetricCard m={data.metrics.deploymentFrequency} {...cardProps} />
            <MetricCard m={data.metrics.leadTime} {...cardProps} coverage={data.leadTimeCoverage} />
            <MetricCard m={data.metrics.successRate} {...cardProps} />
            <MetricCard m={data.metrics.meanTimeToRollback} {...cardProps} />
            <MetricCard m={data.metrics.changeFailureRate} {...cardProps} />
          </div>
          <Card title="Daily Deployments">
            <DailyDeploymentsChart days={dailyColumns(data.daily)} drill={drill} />
          </Card>
          <DoraLegend />
        </>
      )}
    </div>
  );
}
