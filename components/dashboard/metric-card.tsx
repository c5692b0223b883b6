import { Badge, type Tone } from "@/components/ui/badge";
import { trendColumns } from "@/lib/domain/chart-series";
import type { LeadTimeResult, MetricResult } from "@/lib/domain/delivery-metrics";
import { DORA_LEVEL_LABELS, DORA_LEVEL_RULES, type DoraLevel } from "@/lib/domain/dora-levels";
import { METRIC_DEFINITIONS } from "@/lib/domain/metric-definitions";
import { formatMetric } from "@/lib/domain/metric-format";
import { MetricTrendChart } from "./metric-trend-chart";

const LEVEL_TONES: Record<DoraLevel, Tone> = { elite: "green", high: "blue", medium: "amber", low: "red" };

function trendSummary(m: MetricResult): string {
  const points = m.trend.filter((p) => p.value !== null);
  if (points.length === 0) return "no data in this period.";
  const first = points[0]!;
  const last = points.at(-1)!;
  return `${m.trend.length} points from ${first.bucket} (${formatMetric(m.trendUnit, first.value)}) to ${last.bucket} (${formatMetric(m.trendUnit, last.value)}).`;
}

function LevelBadge({ m }: { m: MetricResult }) {
  const dora = METRIC_DEFINITIONS[m.key].dora;
  // Success rate is the seed's own measure: it is judged against the seed's target, not DORA.
  if (!dora || m.level === null) return <Badge tone="slate">Seed target, not a DORA metric</Badge>;
  if (m.level === "not-enough-data") {
    return (
      <span title={m.levelReason ?? undefined}>
        <Badge tone="slate">DORA: not enough data</Badge>
      </span>
    );
  }
  return (
    <span title={DORA_LEVEL_RULES[dora]}>
      <Badge tone={LEVEL_TONES[m.level]}>DORA: {DORA_LEVEL_LABELS[m.level]}</Badge>
    </span>
  );
}

export function MetricCard({ m, stepDays }: { m: MetricResult | LeadTimeResult; stepDays: 1 | 7 }) {
  const p90 = "p90" in m ? m.p90 : undefined;
  return (
    <section aria-labelledby={`metric-${m.key}`} data-metric={m.key} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 id={`metric-${m.key}`} className="text-sm font-semibold text-slate-800">
          {m.label}
        </h2>
        <LevelBadge m={m} />
      </div>
      <div className="mt-2 flex flex-wrap items-baseline gap-x-3">
        <span className="text-3xl font-semibold tabular-nums text-slate-900" data-testid={`value-${m.key}`}>
          {formatMetric(m.unit, m.value)}
        </span>
        <span className="text-sm text-slate-600">
          Target {m.target.label}{" "}
          {m.meetsTarget === null ? null : m.meetsTarget ? (
            <span className="font-medium text-green-700">✓ met</span>
          ) : (
            <span className="font-medium text-red-700">✗ missed</span>
          )}
        </span>
      </div>
      {p90 !== undefined && <p className="text-xs text-slate-600">Median; 90th percentile {formatMetric("seconds", p90)}</p>}
      <p className="text-xs text-slate-500">
        {m.nullReason ?? `Based on ${m.sampleSize} ${m.key === "meanTimeToRollback" ? "rollbacks" : "deployments"}.`}
        {m.levelReason ? ` No DORA level: ${m.levelReason}` : ""}
      </p>
      <div className="mt-2">
        <MetricTrendChart
          label={m.label}
          unit={m.trendUnit}
          summary={trendSummary(m)}
          trend={trendColumns(m.trend, stepDays)}
        />
      </div>
      <p className="mt-2 text-xs text-slate-600">
        <span className="font-medium">How it is computed: </span>
        {m.definition}
      </p>
    </section>
  );
}
