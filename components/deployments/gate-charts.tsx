"use client";
// The gate readings per metric period: the new version and the old one side by side on each chart,
// with the gate's limit drawn as a line, times in the viewer's zone. A breaching period is marked red.
import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { gateChartRows, type GateMetric, type GateReadingPoint } from "@/lib/domain/chart-series";
import { formatClock } from "@/lib/domain/local-time";

export type ChartReading = GateReadingPoint;

/** The gate's limits that apply to this deployment (a rule switched off draws no line). */
export interface GateLimits {
  errorRatePercent: number | null;
  p99Ms: number | null;
  /** Errors per period, breached only after several periods in a row. */
  errorCount: { threshold: number; periods: number } | null;
}

const NEW_COLOUR = "#4338ca";
const OLD_COLOUR = "#64748b";
const LIMIT_COLOUR = "#b91c1c";

function charts(limits: GateLimits): { key: GateMetric; title: string; unit: string; limit: number | null; limitLabel: string }[] {
  return [
    { key: "errorRate", title: "Error rate", unit: "%", limit: limits.errorRatePercent, limitLabel: `Gate limit ${limits.errorRatePercent} %` },
    { key: "p99Ms", title: "Slowest 1 % of requests (p99)", unit: "ms", limit: limits.p99Ms, limitLabel: `Gate limit ${limits.p99Ms} ms` },
    {
      key: "errors",
      title: "Errors per minute",
      unit: "errors",
      limit: limits.errorCount?.threshold ?? null,
      limitLabel: limits.errorCount ? `Gate limit: more than ${limits.errorCount.threshold} for ${limits.errorCount.periods} periods in a row` : "",
    },
    { key: "invocations", title: "Requests per minute", unit: "requests", limit: null, limitLabel: "" },
  ];
}

const compact = (v: number) => (Math.abs(v) >= 10_000 ? `${Math.round(v / 1000)}k` : String(Number(v.toPrecision(3))));

export function GateCharts({ readings, from, to, flag, limits, zone }: { readings: readonly ChartReading[]; from: string; to: string; flag: boolean; limits: GateLimits; zone: string }) {
  if (readings.length === 0) return <p className="text-sm text-slate-500">No metric periods have ended since traffic shifted.</p>;
  const newName = flag ? "With the flag rollout" : `New version ${to}`;
  const oldName = `Old version ${from}`;
  return (
    <div className="grid gap-3 md:grid-cols-2" role="group" aria-label="Gate readings">
      {charts(limits).map((c) => {
        const rows = gateChartRows(readings, c.key, from).map((r) => ({ ...r, t: formatClock(new Date(r.at), zone) }));
        const hasOld = rows.some((r) => r.oldValue !== null);
        const max = Math.max(0, ...rows.flatMap((r) => [r.newValue ?? 0, r.oldValue ?? 0]));
        return (
          <figure key={c.key} className="min-w-0 rounded border border-slate-200 p-2">
            <figcaption className="mb-1 text-sm font-medium text-slate-700">
              {c.title} <span className="font-normal text-slate-500">({c.unit})</span>
            </figcaption>
            <div className="h-44">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                  <XAxis dataKey="t" tick={{ fontSize: 11, fill: "#475569" }} minTickGap={24} />
                  <YAxis tick={{ fontSize: 11, fill: "#475569" }} width={44} tickFormatter={compact} domain={[0, Math.max(max, (c.limit ?? 0) * 1.25) || 1]} allowDecimals />
                  <Tooltip formatter={(v) => (typeof v === "number" ? `${Number(v.toPrecision(4))} ${c.unit}` : "—")} />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  {c.limit !== null && (
                    <ReferenceLine y={c.limit} stroke={LIMIT_COLOUR} strokeDasharray="6 3" ifOverflow="extendDomain" label={{ value: c.limitLabel, position: "insideTopRight", fontSize: 11, fill: LIMIT_COLOUR }} />
                  )}
                  <Line name={newName} type="monotone" dataKey="newValue" stroke={NEW_COLOUR} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
                  {hasOld && <Line name={oldName} type="monotone" dataKey="oldValue" stroke={OLD_COLOUR} strokeDasharray="4 2" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />}
                  {rows
                    .filter((r) => r.breached && r.newValue !== null)
                    .map((r) => (
                      <ReferenceDot key={r.at} x={r.t} y={r.newValue!} r={4} fill={LIMIT_COLOUR} stroke="none" />
                    ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
            {!hasOld && !flag && c.key === "errorRate" && <p className="mt-1 text-xs text-slate-500">The old version has no readings for these periods, so only the new one is drawn.</p>}
          </figure>
        );
      })}
    </div>
  );
}
