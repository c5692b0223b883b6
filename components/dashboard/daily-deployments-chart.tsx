"use client";
// The seed's "Daily Deployments" widget: Success, Failed and RolledBack stacked per local day, in
// the seed's colours.
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useDrawn } from "./use-drawn";
import { expandDaily, type DailyColumns } from "@/lib/domain/chart-series";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// Drawn only in the browser; the server renders the labelled frame without expanding a year of days.
export function DailyDeploymentsChart({ days }: { days: DailyColumns }) {
  const drawn = useDrawn();
  const summary = `${days.success.length} days: ${sum(days.success)} succeeded, ${sum(days.failed)} failed, ${sum(days.rolledBack)} rolled back.`;
  return (
    <div role="img" aria-label={`Daily deployments, stacked by outcome. ${summary}`} className="h-64 w-full">
      {drawn && <DailyChart days={days} />}
    </div>
  );
}

function DailyChart({ days }: { days: DailyColumns }) {
  const data = useMemo(() => expandDaily(days), [days]);
  return (
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
  );
}
