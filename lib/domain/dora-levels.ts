// DORA performance levels (elite / high / medium / low) for the dashboard.
//
// Source: the software delivery performance clusters of the 2023 Accelerate State of DevOps Report
// (DORA, Google Cloud), the report that renamed "time to restore" to "failed deployment recovery
// time". Its table (cluster descriptions, as published):
//
//   metric                          elite                 high              medium            low
//   deployment frequency            on demand (multiple   once per day –    once per week –   once per week –
//                                   deploys per day)      once per week     once per month    once per month
//   change lead time                < 1 day               1 day – 1 week    1 week – 1 month  1 week – 1 month
//   change failure rate             5 %                   10 %              15 %              64 %
//   failed deployment recovery time < 1 hour              < 1 day           1 day – 1 week    1 month – 6 months
//
// The report describes clusters found in survey answers, not a classifier: the time ranges leave gaps
// and overlaps, and the failure rates are the clusters' centres, not limits. So that every value gets
// exactly one level, and a better figure never a worse one, we apply them like this (the page says so):
// - ranges: each level keeps its published range; a gap goes to the level below it (once a day but
//   not "multiple" is High; a recovery between a week and a month is Low) and where two clusters
//   overlap the better one wins (a lead time of 1–4 weeks is Medium, not Low);
// - failure-rate centres: the nearest centre wins, so the limits are the midpoints between centres:
//   Elite below 7.5 %, High below 12.5 %, Medium below 39.5 %, Low from 39.5 %.
// - too few deployments say nothing about a team: below MIN_SAMPLE the level is "not enough data",
//   never Low (a service that did not deploy in the period is not a low performer; it has no data).
// Deployment success rate is not a DORA metric; it is judged against the seed's target only.

export const DORA_LEVELS = ["elite", "high", "medium", "low"] as const;
export type DoraLevel = (typeof DORA_LEVELS)[number];

export const DORA_LEVEL_LABELS: Record<DoraLevel, string> = { elite: "Elite", high: "High", medium: "Medium", low: "Low" };

export const DORA_SOURCE_YEAR = 2023;
export const DORA_SOURCE = `DORA ${DORA_SOURCE_YEAR} Accelerate State of DevOps Report, software delivery performance clusters`;

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
    // "Multiple deploys per day" read literally: at least two a day on average.
    { level: "elite", op: ">=", bound: 14 },
    { level: "high", op: ">=", bound: 1 },
    // Once a month = 12 a year.
    { level: "medium", op: ">=", bound: 12 / 52 },
  ],
  /** Rated on the median lead time. */
  leadTime: [
    { level: "elite", op: "<", bound: DAY },
    { level: "high", op: "<", bound: 7 * DAY },
    { level: "medium", op: "<", bound: 30 * DAY },
  ],
  /** Rated on the mean time to rollback, our measure of failed deployment recovery. */
  recoveryTime: [
    { level: "elite", op: "<", bound: HOUR },
    { level: "high", op: "<", bound: DAY },
    { level: "medium", op: "<", bound: 7 * DAY },
  ],
  /** Midpoints between the published centres 5 %, 10 %, 15 % and 64 %. */
  changeFailureRate: [
    { level: "elite", op: "<", bound: 0.075 },
    { level: "high", op: "<", bound: 0.125 },
    { level: "medium", op: "<", bound: 0.395 },
  ],
} as const satisfies Record<string, readonly LevelRule[]>;

export type DoraMetric = keyof typeof DORA_RULES;

/** The cluster centres the failure-rate limits are derived from (report's figures). */
export const CHANGE_FAILURE_CENTRES: Record<DoraLevel, number> = { elite: 0.05, high: 0.1, medium: 0.15, low: 0.64 };

/**
 * Fewest data points a level rests on: finished deployments in the period (all metrics), and for lead
 * time the deployments with a known commit time, for recovery the timed rollbacks.
 */
export const MIN_DEPLOYMENTS = 5;
export const MIN_OWN_SAMPLE: Record<DoraMetric, number> = { deploymentFrequency: 0, leadTime: 5, recoveryTime: 1, changeFailureRate: 0 };

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

export type DoraGrade = { level: DoraLevel; reason: null } | { level: "not-enough-data"; reason: string };

/**
 * The level a dashboard shows: the value's level when it rests on enough data, else "not enough data"
 * with why. `finished` = deployments finished in the period; `sample` = the metric's own data points.
 */
export function gradeDora(metric: DoraMetric, value: number | null, finished: number, sample: number): DoraGrade {
  if (finished < MIN_DEPLOYMENTS) {
    return { level: "not-enough-data", reason: `${finished} deployment${finished === 1 ? "" : "s"} finished; a level needs at least ${MIN_DEPLOYMENTS}.` };
  }
  const own = MIN_OWN_SAMPLE[metric];
  const level = doraLevel(metric, value);
  if (sample < own || level === null) {
    const what = metric === "leadTime" ? "deployments with a known commit time" : "rollbacks with a detection time";
    return { level: "not-enough-data", reason: `${sample} ${what}; a level needs at least ${Math.max(own, 1)}.` };
  }
  return { level, reason: null };
}

/** One line for the page: what each level means for this metric and how the table was applied. */
export const DORA_LEVEL_RULES: Record<DoraMetric, string> = {
  deploymentFrequency:
    "Elite: multiple deploys per day (14 or more a week); High: once a week up to that; Medium: once a month to once a week; Low: less than once a month.",
  leadTime: "Elite: under a day; High: 1 day to 1 week; Medium: 1 week to 1 month; Low: a month or more.",
  recoveryTime: "Elite: under an hour; High: under a day; Medium: 1 day to 1 week; Low: a week or more.",
  changeFailureRate:
    "Cluster centres 5 %, 10 %, 15 %, 64 %; the nearest wins: Elite under 7.5 %; High under 12.5 %; Medium under 39.5 %; Low 39.5 % or more.",
};
