"use client";
// The seed's "Daily Deployments" widget: succeeded, failed and rolled back stacked per local day, in
// the seed's colours. Clicking a segment opens that day's deployments with that outcome in history
// (the same finish-time basis and row rule as the counts drawn).
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useDrawn } from "./use-drawn";
import { expandDaily, type DailyColumns } from "@/lib/domain/chart-series";
import type { OutcomeFilter } from "@/lib/domain/history-filters";
import { drillDownHref, type DrillScope } from "@/lib/domain/metric-drill-down";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

type Drill = { scope: DrillScope; period: { from: string; to: string } };

// Drawn only in the browser; the server renders the labelled frame without expanding a year of days.
export function DailyDeploymentsChart({ days, drill }: { days: DailyColumns; drill: Drill }) {
  const drawn = useDrawn();
  const summary = `${days.success.length} days: ${sum(days.success)} succeeded, ${sum(days.failed)} failed, ${sum(days.rolledBack)} rolled back.`;
  return (
    <div role="img" aria-label={`Daily deployments, stacked by outcome. ${summary}`} className="h-64 w-full">
      {drawn && <DailyChart days={days} drill={drill} />}
    </div>
  );
}

const SERIES: { key: "success" | "failed" | "rolledBack"; name: string; fill: string; outcome: OutcomeFilter }[] = [
  { key: "success", name: "Succeeded", fill: "#2ca02c", outcome: "succeeded" },
  { key: "failed", name: "Failed", fill: "#d62728", outcome: "failed" },
  { key: "rolledBack", name: "Rolled back", fill: "#ff7f0e", outcome: "rolled-back" },
];

function DailyChart({ days, drill }: { days: DailyColumns; drill: Drill }) {
  const router = useRouter();
  const data = useMemo(() => expandDaily(days), [days]);
  const open = (outcome: OutcomeFilter, i: number) => {
    const day = data[i]?.date;
    if (day) router.push(drillDownHref({ rows: "counted", outcome }, drill.scope, day, day));
  };
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -12 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="date" tick={{ fontSize: 10 }} minTickGap={20} />
        <YAxis tick={{ fontSize: 10 }} allowDecimals={false} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {SERIES.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} stackId="d" fill={s.fill} isAnimationActive={false} className="cursor-pointer" onClick={(_d, i) => open(s.outcome, i)} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
