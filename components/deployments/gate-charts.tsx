"use client";
// Small charts of the gate readings per metric period: error rate, p99 and invocations, one line per
// scope (the new version during the shift, the alias after 100 %). A breaching period is marked red.
import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatClock } from "@/lib/domain/local-time";

export interface ChartReading {
  at: string;
  scope: string;
  invocations: number;
  errors: number;
  p99Ms: number | null;
  errorRate: number | null;
  breached: string | null;
}

const METRICS = [
  { key: "errorRate", label: "Error rate (%)" },
  { key: "p99Ms", label: "p99 duration (ms)" },
  { key: "invocations", label: "Invocations" },
] as const;

// The axis reads in the viewer's zone, as the timeline beside it does.
export function GateCharts({ readings, zone }: { readings: readonly ChartReading[]; zone: string }) {
  const time = (iso: string) => formatClock(new Date(iso), zone);
  if (readings.length === 0) return <p className="text-sm text-slate-500">No metric periods have ended since traffic shifted.</p>;
  const data = readings.map((r) => ({ ...r, t: `${time(r.at)} ${r.scope === "alias" ? "A" : "V"}` }));
  return (
    <div className="grid gap-3 md:grid-cols-3" aria-label="Gate readings">
      {METRICS.map((m) => (
        <figure key={m.key} className="rounded border border-slate-100 p-2">
          <figcaption className="mb-1 text-xs font-medium text-slate-600">{m.label}</figcaption>
          <div className="h-28">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={data} margin={{ top: 4, right: 6, bottom: 0, left: -18 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="t" tick={{ fontSize: 9 }} interval="preserveStartEnd" />
                <YAxis tick={{ fontSize: 9 }} />
                <Tooltip />
                <Line type="monotone" dataKey={m.key} stroke="#4f46e5" dot={false} isAnimationActive={false} />
                {data.filter((d) => d.breached).map((d) => (
                  <ReferenceDot key={d.at + d.scope} x={d.t} y={(d[m.key] as number | null) ?? 0} r={4} fill="#dc2626" stroke="none" />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
      ))}
    </div>
  );
}
