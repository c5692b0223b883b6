// Which deployments stand behind each dashboard number, named so a URL can carry it: the history
// page filters by these sets (?rows=failure) and the dashboard links every number to its set, so a
// manager clicking "Change failure rate" sees exactly the deployments it counted. The SQL form of
// each set is lib/server/metric-rows-sql.ts, the ONE place both the dashboard and history read it.
import type { MetricKey } from "./metric-definitions";
import type { OutcomeFilter } from "./history-filters";

export const METRIC_ROW_SETS = ["counted", "lead-time", "recovery", "failure"] as const;
export type MetricRowSet = (typeof METRIC_ROW_SETS)[number];

export const METRIC_ROW_SET_LABELS: Record<MetricRowSet, string> = {
  counted: "Counted by the metrics (finished deployments, not rollback operations)",
  "lead-time": "Lead time: succeeded with a known commit time",
  recovery: "Time to rollback: rolled back with a detection time",
  failure: "Change failures: rolled back or hotfixed",
};

export interface DrillDown {
  rows: MetricRowSet;
  outcome?: OutcomeFilter;
}

/**
 * The rows behind a metric's value (numerator for a rate) and behind its "based on" count
 * (the denominator). Deployment frequency counts successes; the rates are over counted deployments.
 */
export const METRIC_DRILL_DOWN: Record<MetricKey, { value: DrillDown; basis: DrillDown }> = {
  deploymentFrequency: { value: { rows: "counted", outcome: "succeeded" }, basis: { rows: "counted", outcome: "succeeded" } },
  leadTime: { value: { rows: "lead-time" }, basis: { rows: "lead-time" } },
  successRate: { value: { rows: "counted", outcome: "succeeded" }, basis: { rows: "counted" } },
  meanTimeToRollback: { value: { rows: "recovery" }, basis: { rows: "recovery" } },
  changeFailureRate: { value: { rows: "failure" }, basis: { rows: "counted" } },
};
