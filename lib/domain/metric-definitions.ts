// The seed's five key metrics as data: label, unit, target and the one sentence the dashboard shows
// under each number so a manager can say how it was computed. delivery-metrics.ts computes them.
import { compare, type Comparison, type DoraMetric } from "./dora-levels";

export const METRIC_KEYS = [
  "deploymentFrequency",
  "leadTime",
  "successRate",
  "meanTimeToRollback",
  "changeFailureRate",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** perWeek: deployments per week; seconds: a duration; ratio: 0..1 (the page shows a percentage). */
export type MetricUnit = "perWeek" | "seconds" | "ratio";

export interface MetricTarget {
  op: Extract<Comparison, ">" | "<">;
  value: number;
  /** As the seed writes it. */
  label: string;
}

export interface MetricDefinition {
  key: MetricKey;
  label: string;
  unit: MetricUnit;
  target: MetricTarget;
  /** Which DORA benchmark rates it; null: not a DORA metric. */
  dora: DoraMetric | null;
  definition: string;
  /** How to get the same number from the history CSV of the same period and scope, column by column. */
  fromCsv: string;
}

// The counted rows, as the CSV shows them.
const COUNTED = 'rows with Kind "Deployment" and an Outcome other than "Running"';

// Targets from the seed's "Deployment Metrics" (all strict: "> 10 per week", "< 1 day", …).
export const METRIC_DEFINITIONS: Record<MetricKey, MetricDefinition> = {
  deploymentFrequency: {
    key: "deploymentFrequency",
    label: "Deployment frequency",
    unit: "perWeek",
    target: { op: ">", value: 10, label: "> 10 per week" },
    dora: "deploymentFrequency",
    definition:
      "Successful production deployments (rollback operations excluded) that finished in the period, divided by the period's length in weeks (calendar days ÷ 7).",
    fromCsv:
      'Count the rows with Kind "Deployment" and Outcome "Succeeded", and divide by the period\'s calendar days (first and last date included) ÷ 7.',
  },
  leadTime: {
    key: "leadTime",
    label: "Lead time for changes",
    unit: "seconds",
    target: { op: "<", value: 24 * 3600, label: "< 1 day" },
    dora: "leadTime",
    definition:
      "For each successful deployment finished in the period whose pipeline reported a commit time, the time from that commit to the deployment finishing; we show the median and the 90th percentile (linear interpolation between ranks).",
    fromCsv:
      'For the rows with Kind "Deployment", Outcome "Succeeded" and a Commit time (UTC) not after Finished (UTC), take Finished (UTC) − Commit time (UTC); sort, and read the median and the 90th percentile at rank (n − 1) × 0.5 and (n − 1) × 0.9, interpolating between neighbours. The rows left out are the deployments whose lead time is unknown.',
  },
  successRate: {
    key: "successRate",
    label: "Deployment success rate",
    unit: "ratio",
    target: { op: ">", value: 0.95, label: "> 95 %" },
    dora: null,
    definition:
      "Deployments that finished in the period and succeeded, divided by all deployments that finished in the period (succeeded, failed or rolled back); running deployments and rollback operations are not counted.",
    fromCsv: `Rows with Kind "Deployment" and Outcome "Succeeded", divided by the ${COUNTED}.`,
  },
  meanTimeToRollback: {
    key: "meanTimeToRollback",
    label: "Mean time to rollback",
    unit: "seconds",
    target: { op: "<", value: 10 * 60, label: "< 10 minutes" },
    dora: "recoveryTime",
    definition:
      "For each deployment rolled back in the period, the time from the issue being detected (the gate breach's reading; for a manual rollback the incident's start or when the person saw the problem) to the rollback completing (a manual rollback's finish, which leaves the deployment's own finish as it was), averaged.",
    fromCsv:
      'For the rows with Kind "Deployment", an Outcome starting "Rolled back" and an Issue detected (UTC) not after Rollback completed (UTC), take Rollback completed (UTC) − Issue detected (UTC), and average.',
  },
  changeFailureRate: {
    key: "changeFailureRate",
    label: "Change failure rate",
    unit: "ratio",
    target: { op: "<", value: 0.05, label: "< 5 %" },
    dora: "changeFailureRate",
    definition:
      "Deployments finished in the period that were rolled back or have a hotfix change request linked to them, divided by all deployments that finished in the period.",
    fromCsv: `Among the ${COUNTED}, those whose Outcome starts "Rolled back" or whose Hotfixed by is not empty, divided by all of them.`,
  },
};

/** Whether a value meets its target; null when there is no value (nothing to judge). */
export function meetsTarget(key: MetricKey, value: number | null): boolean | null {
  if (value === null || Number.isNaN(value)) return null;
  const t = METRIC_DEFINITIONS[key].target;
  return compare(value, t.op, t.value);
}
