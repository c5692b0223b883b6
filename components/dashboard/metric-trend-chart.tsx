"use client";
// One metric's trend per day or week. The chart is an image for screen readers (role="img" with a
// text summary); the numbers are in the tooltip for pointer users. An empty bucket is a gap, not a
// line drawn through it (a success rate over a week with no deployments is unknown, not 100 %), the
// seed's target is a dashed line, and clicking a bucket opens the history rows behind it.
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMetric } from "@/lib/domain/metric-format";
import { bucketHref, type ChartDrill } from "@/lib/domain/metric-drill-down";
import { useDrawn } from "./use-drawn";
import { expandTrend, type TrendColumns } from "@/lib/domain/chart-series";
import type { MetricTarget, MetricUnit } from "@/lib/domain/metric-definitions";

// Durations are drawn in minutes while they stay short (rollbacks), in hours otherwise (lead times).
const toDisplay = (unit: MetricUnit | "count", v: number | null, perSecond: number) => (v === null ? null : unit === "ratio" ? v * 100 : unit === "seconds" ? v / perSecond : v);

type Props = { label: string; unit: MetricUnit | "count"; trend: TrendColumns; target: MetricTarget; drill: ChartDrill };

// The chart and the rows it needs exist only in the browser: on the server (where the chart is not
// drawn) expanding the columns into dated rows cost more CPU than rendering the rest of the page.
export function MetricTrendChart({ summary, ...props }: Props & { summary: string }) {
  const drawn = useDrawn();
  return (
    <div role="img" aria-label={`${props.label} trend: ${summary}`} className="h-44 w-full">
      {drawn && <TrendChart {...props} />}
    </div>
  );
}

/** The rows a bucket's click opens, in words: the successes or failures of a rate, else its sample. */
function rowsInWords(unit: MetricUnit | "count", value: number | null, n: number, label: string): string {
  if (unit === "ratio" && value !== null) {
    const k = Math.round(value * n);
    return `${k} of ${n} deployments (${label.includes("failure") ? "failures" : "successes"})`;
  }
  return `${n} ${label.includes("rollback") ? "rollbacks" : "deployments"}`;
}

function TrendChart({ label, unit, trend, target, drill }: Props) {
  const router = useRouter();
  const data = useMemo(() => expandTrend(trend), [trend]);
  const longest = Math.max(0, ...data.map((d) => Math.max(d.value ?? 0, d.p90 ?? 0)));
  const perSecond = longest < 2 * 3600 ? 60 : 3600;
  const rows = data.map((d) => ({ ...d, shown: toDisplay(unit, d.value, perSecond), shownP90: toDisplay(unit, d.p90 ?? null, perSecond) }));
  const axisUnit = unit === "ratio" ? "%" : unit === "seconds" ? (perSecond === 60 ? "m" : "h") : "";
  // The target per bucket: the weekly frequency target is a seventh of it per day.
  const targetShown = unit === "count" ? (target.value * trend.stepDays) / 7 : toDisplay(unit, target.value, perSecond);
  const targetLabel = unit === "count" && trend.stepDays === 1 ? `Target ${target.label} (${Math.round((target.value / 7) * 10) / 10} a day)` : `Target ${target.label}`;
  const open = (i: number | undefined) => {
    if (i === undefined || (data[i]?.sampleSize ?? 0) === 0) return; // an empty bucket has no rows to open
    router.push(bucketHref(drill, trend.first, trend.stepDays, i));
  };
  const onChartClick = (s: { activeTooltipIndex?: number | string | null | undefined }) => open(s.activeTooltipIndex == null ? undefined : Number(s.activeTooltipIndex));
  const tooltip = (
    <Tooltip
      formatter={(_v, name, item) => {
        const p = item.payload as (typeof rows)[number];
        const raw = name === "90th percentile" ? (p.p90 ?? null) : p.value;
        return [`${formatMetric(unit, raw)} (${rowsInWords(unit, p.value, p.sampleSize, label.toLowerCase())}; click to open them)`, name];
      }}
    />
  );
  const reference = <ReferenceLine y={targetShown ?? undefined} stroke="#16a34a" strokeDasharray="6 3" label={{ value: targetLabel, position: "insideTopRight", fontSize: 10, fill: "#166534" }} ifOverflow="extendDomain" />;
  const legend = <Legend wrapperStyle={{ fontSize: 11 }} />;
  return (
    <ResponsiveContainer width="100%" height="100%">
      {unit === "count" ? (
        <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -16 }} onClick={onChartClick} className="cursor-pointer">
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="bucket" tick={{ fontSize: 10 }} minTickGap={16} />
          <YAxis tick={{ fontSize: 10 }} allowDecimals={false} />
          {tooltip}
          {legend}
          {reference}
          <Bar dataKey="shown" name={`Successful deployments per ${trend.stepDays === 7 ? "week" : "day"}`} fill="#4f46e5" isAnimationActive={false} />
        </BarChart>
      ) : (
        <LineChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -16 }} onClick={onChartClick} className="cursor-pointer">
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="bucket" tick={{ fontSize: 10 }} minTickGap={16} />
          <YAxis tick={{ fontSize: 10 }} unit={axisUnit} />
          {tooltip}
          {legend}
          {reference}
          {/* connectNulls off: a bucket without data breaks the line; dots keep a lone point visible. */}
          <Line dataKey="shown" name={data.some((d) => d.p90 !== undefined) ? "Median" : label} stroke="#4f46e5" dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          {data.some((d) => d.p90 !== undefined) && <Line dataKey="shownP90" name="90th percentile" stroke="#a5b4fc" strokeDasharray="4 2" dot={{ r: 1.5 }} connectNulls={false} isAnimationActive={false} />}
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}
