"use client";
// The seed's "Daily Deployments" widget: Success, Failed and RolledBack stacked per local day, in
// the seed's colours.
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useDrawn } from "./use-drawn";
import { expandDaily, type DailyColumns } from "@/lib/domain/chart-series";

export function DailyDeploymentsChart({ days }: { days: DailyColumns }) {
  const data = useMemo(() => expandDaily(days), [days]);
  const drawn = useDrawn();
  const totals = data.reduce((t, d) => ({ s: t.s + d.success, f: t.f + d.failed, r: t.r + d.rolledBack }), { s: 0, f: 0, r: 0 });
  const summary = `${data.length} days: ${totals.s} succeeded, ${totals.f} failed, ${totals.r} rolled back.`;
  return (
    <div role="img" aria-label={`Daily deployments, stacked by outcome. ${summary}`} className="h-64 w-full">
      {drawn && (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="date" tick={{ fontSize: 10 }} minTickGap={20} />
            <YAxis tick={{ fontSize: 10 }} allowDecimals={false} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="success" name="Success" stackId="d" fill="#2ca02c" isAnimationActive={false} />
            <Bar dataKey="failed" name="Failed" stackId="d" fill="#d62728" isAnimationActive={false} />
            <Bar dataKey="rolledBack" name="RolledBack" stackId="d" fill="#ff7f0e" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}
