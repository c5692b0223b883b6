// Builds the dashboard's DeliveryMetrics from per-bucket aggregates computed in PostgreSQL (see
// lib/server/delivery-metrics-sql.ts), so 300,000 deployments never travel to Node. It applies the
// same definitions, targets, levels and "why is this empty" messages as computeDeliveryMetrics,
// which stays the reference: an integration property test asserts both agree on random datasets.
import { assembleMetrics, defaultGranularity, finishedOf, type Computed, type DeliveryMetrics } from "./delivery-metrics";
import type { MetricKey } from "./metric-definitions";
import { enumerateBuckets, type Granularity, type Period } from "./time-buckets";

/** One bucket's (or the whole period's) aggregates, as SQL computes them. */
export interface OutcomeAggregate {
  succeeded: number;
  failed: number;
  rolledBack: number;
  /** Rolled back or with a hotfix CR linked. */
  failures: number;
  /** percentile_cont(0.5 / 0.9) of lead times in seconds; null when there are none. */
  leadMedian: number | null;
  leadP90: number | null;
  leadCount: number;
  /** AVG of (rollback complete − issue detected) in seconds. */
  recoveryMean: number | null;
  recoveryCount: number;
}

export const EMPTY_AGGREGATE: OutcomeAggregate = {
  succeeded: 0,
  failed: 0,
  rolledBack: 0,
  failures: 0,
  leadMedian: null,
  leadP90: null,
  leadCount: 0,
  recoveryMean: null,
  recoveryCount: 0,
};


function ratio(numerator: number, finished: number): Computed {
  return finished > 0
    ? { value: numerator / finished, nullReason: null, sampleSize: finished }
    : { value: null, nullReason: "No deployment finished in this period.", sampleSize: 0 };
}

// Mirrors `compute` in delivery-metrics.ts, over aggregates instead of raw samples.
const compute: Record<MetricKey, (a: OutcomeAggregate, weeks: number) => Computed> = {
  deploymentFrequency: (a, weeks) =>
    weeks > 0
      ? { value: a.succeeded / weeks, nullReason: null, sampleSize: a.succeeded }
      : { value: null, nullReason: "The period is empty.", sampleSize: 0 },
  leadTime: (a) => ({
    value: a.leadCount > 0 ? a.leadMedian : null,
    p90: a.leadCount > 0 ? a.leadP90 : null,
    sampleSize: a.leadCount,
    nullReason:
      a.leadCount > 0
        ? null
        : a.succeeded === 0
          ? "No deployment succeeded in this period."
          : "No successful deployment in this period reported a commit time.",
  }),
  successRate: (a) => ratio(a.succeeded, finishedOf(a)),
  meanTimeToRollback: (a) => ({
    value: a.recoveryCount > 0 ? a.recoveryMean : null,
    sampleSize: a.recoveryCount,
    nullReason:
      a.recoveryCount > 0
        ? null
        : a.rolledBack === 0
          ? "Nothing was rolled back in this period."
          : "No rolled-back deployment in this period recorded when the issue was detected.",
  }),
  changeFailureRate: (a) => ratio(a.failures, finishedOf(a)),
};

/** The five metrics and their trends from aggregates keyed by bucket key ('YYYY-MM-DD'). */
export function metricsFromAggregates(
  total: OutcomeAggregate,
  byBucket: ReadonlyMap<string, OutcomeAggregate>,
  opts: { period: Period; timeZone: string; granularity?: Granularity },
): DeliveryMetrics {
  const { period, timeZone } = opts;
  const granularity = opts.granularity ?? defaultGranularity(period, timeZone);
  const buckets = enumerateBuckets(period, granularity, timeZone);
  return assembleMetrics({
    period,
    timeZone,
    granularity,
    buckets,
    total,
    bucketCounts: (_i, key) => byBucket.get(key) ?? EMPTY_AGGREGATE,
    compute,
  });
}
