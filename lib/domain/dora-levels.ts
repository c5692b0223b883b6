// DORA performance levels (elite / high / medium / low) for the dashboard.
//
// Source: the software delivery performance clusters of the 2023 Accelerate State of DevOps Report
// (DORA, Google Cloud) — the report that renamed "time to restore" to "failed deployment recovery
// time". Its table:
//
//   metric                          elite                 high              medium            low
//   deployment frequency            on demand (multiple   once per day –    once per week –   (overlaps medium
//                                   deploys per day)      once per week     once per month     in 2023; 2024:
//                                                                                              monthly–6-monthly)
//   change lead time                < 1 day               1 day – 1 week    1 week – 1 month  (overlaps medium)
//   change failure rate             5 %                   10 %              15 %              64 %
//   failed deployment recovery time < 1 hour              < 1 day           1 day – 1 week    1 month – 6 months
//
// The report describes clusters, not a classifier: the ranges leave gaps and overlaps, and the
// failure rates are cluster centres. To give every value exactly one level we turn them into
// contiguous bounds (below), each level taking everything up to the next better one:
// - deployment frequency: elite > 7/week (more than once a day on average, i.e. beyond "daily"),
//   high ≥ 1/week, medium ≥ 12/52 per week (at least monthly), low below that;
// - lead time (we rate the median): elite < 1 day, high < 7 days, medium < 30 days, low otherwise;
// - recovery time (we rate the mean time to rollback, our measure of recovery): elite < 1 hour,
//   high < 1 day, medium < 7 days, low otherwise;
// - change failure rate: elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %, low above.
// Deployment success rate is not a DORA metric, so it has no level.

export const DORA_LEVELS = ["elite", "high", "medium", "low"] as const;
export type DoraLevel = (typeof DORA_LEVELS)[number];

export const DORA_LEVEL_LABELS: Record<DoraLevel, string> = {
  elite: "Elite",
  high: "High",
  medium: "Medium",
  low: "Low",
};

export const DORA_SOURCE = "DORA 2023 Accelerate State of DevOps Report, software delivery performance clusters";

const HOUR = 3600;
const DAY = 24 * HOUR;

export type Comparison = ">" | ">=" | "<" | "<=";
export interface LevelRule {
  level: Exclude<DoraLevel, "low">;
  op: Comparison;
  bound: number;
}

/** Checked in order, first match wins; no match is "low". Units: per week, seconds, ratio 0..1. */
export const DORA_RULES = {
  deploymentFrequency: [
    { level: "elite", op: ">", bound: 7 },
    { level: "high", op: ">=", bound: 1 },
    { level: "medium", op: ">=", bound: 12 / 52 },
  ],
  /** Rated on the median lead time. */
  leadTime: [
    { level: "elite", op: "<", bound: DAY },
    { level: "high", op: "<", bound: 7 * DAY },
    { level: "medium", op: "<", bound: 30 * DAY },
  ],
  /** Rated on the mean time to rollback. */
  recoveryTime: [
    { level: "elite", op: "<", bound: HOUR },
    { level: "high", op: "<", bound: DAY },
    { level: "medium", op: "<", bound: 7 * DAY },
  ],
  changeFailureRate: [
    { level: "elite", op: "<=", bound: 0.05 },
    { level: "high", op: "<=", bound: 0.1 },
    { level: "medium", op: "<=", bound: 0.15 },
  ],
} as const satisfies Record<string, readonly LevelRule[]>;

export type DoraMetric = keyof typeof DORA_RULES;

export function compare(value: number, op: Comparison, bound: number): boolean {
  switch (op) {
    case ">":
      return value > bound;
    case ">=":
      return value >= bound;
    case "<":
      return value < bound;
    case "<=":
      return value <= bound;
  }
}

/** The DORA level of a value, or null when there is no value to rate. */
export function doraLevel(metric: DoraMetric, value: number | null): DoraLevel | null {
  if (value === null || Number.isNaN(value)) return null;
  const rules: readonly LevelRule[] = DORA_RULES[metric];
  for (const r of rules) if (compare(value, r.op, r.bound)) return r.level;
  return "low";
}

/** One line for the page: what each level means for this metric. */
export const DORA_LEVEL_RULES: Record<DoraMetric, string> = {
  deploymentFrequency:
    "Elite: more than once a day; High: daily to weekly; Medium: weekly to monthly; Low: less than monthly.",
  leadTime: "Elite: under a day; High: under a week; Medium: under a month; Low: a month or more.",
  recoveryTime: "Elite: under an hour; High: under a day; Medium: under a week; Low: a week or more.",
  changeFailureRate: "Elite: 5 % or less; High: 10 % or less; Medium: 15 % or less; Low: above 15 %.",
};
