// How the dashboard writes metric values: per-week rates, durations and percentages.
import type { MetricUnit } from "./metric-definitions";

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  const m = s / 60;
  if (m < 60) return `${m.toFixed(m < 10 ? 1 : 0)} min`;
  const h = m / 60;
  if (h < 48) return `${h.toFixed(1)} h`;
  return `${(h / 24).toFixed(1)} days`;
}

export function formatMetric(unit: MetricUnit | "count", value: number | null): string {
  if (value === null) return "—";
  switch (unit) {
    case "perWeek":
      return `${value.toFixed(value < 10 ? 1 : 0)} / week`;
    case "seconds":
      return formatSeconds(value);
    case "ratio":
      return `${(value * 100).toFixed(1)} %`;
    case "count":
      return String(value);
  }
}
