"use client";
// One metric's trend per day or week. The chart is an image for screen readers (role="img" with a
// text summary); the numbers are in the tooltip for pointer users.
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMetric } from "@/lib/domain/metric-format";
import { useDrawn } from "./use-drawn";
import { expandTrend, type TrendColumns } from "@/lib/domain/chart-series";
import type { MetricUnit } from "@/lib/domain/metric-definitions";

// Durations are drawn in minutes while they stay short (rollbacks), in hours otherwise (lead times).
const toDisplay = (unit: MetricUnit | "count", v: number | null, perSecond: number) => (v === null ? null : unit === "ratio" ? v * 100 : unit === "seconds" ? v / perSecond : v);

type Props = { label: string; unit: MetricUnit | "count"; trend: TrendColumns };

// The chart and the rows it needs exist only in the browser: on the server (where the chart is not
// drawn) expanding the columns into dated rows cost more CPU than rendering the rest of the page.
export function MetricTrendChart({ summary, ...props }: Props & { summary: string }) {
  const drawn = useDrawn();
  return (
    <div role="img" aria-label={`${props.label} trend: ${summary}`} className="h-36 w-full">
      {drawn && <TrendChart {...props} />}
    </div>
  );
}

function TrendChart({ label, unit, trend }: Props) {
  const data = useMemo(() => expandTrend(trend), [trend]);
  const longest = Math.max(0, ...data.map((d) => Math.max(d.value ?? 0, d.p90 ?? 0)));
  const perSecond = longest < 2 * 3600 ? 60 : 3600;
  const rows = data.map((d) => ({ ...d, shown: toDisplay(unit, d.value, perSecond), shownP90: toDisplay(unit, d.p90 ?? null, perSecond) }));
  const axisUnit = unit === "ratio" ? "%" : unit === "seconds" ? (perSecond === 60 ? "m" : "h") : "";
  const tooltip = (
    <Tooltip
      formatter={(_v, name, item) => {
        const p = item.payload as (typeof rows)[number];
        const raw = name === "p90" ? (p.p90 ?? null) : p.value;
        return [`${formatMetric(unit, raw)} (${p.sampleSize} deployments)`, name === "p90" ? "90th percentile" : label];
      }}
    />
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      {unit === "count" ? (
        <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="bucket" tick={{ fontSize: 10 }} minTickGap={16} />
          <YAxis tick={{ fontSize: 10 }} allowDecimals={false} />
          {tooltip}
          <Bar dataKey="shown" name={label} fill="#4f46e5" isAnimationActive={false} />
        </BarChart>
      ) : (
        <LineChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="bucket" tick={{ fontSize: 10 }} minTickGap={16} />
          <YAxis tick={{ fontSize: 10 }} unit={axisUnit} />
          {tooltip}
          <Line dataKey="shown" name={label} stroke="#4f46e5" dot={false} connectNulls isAnimationActive={false} />
          {data.some((d) => d.p90 !== undefined) && <Line dataKey="shownP90" name="p90" stroke="#a5b4fc" strokeDasharray="4 2" dot={false} connectNulls isAnimationActive={false} />}
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}
