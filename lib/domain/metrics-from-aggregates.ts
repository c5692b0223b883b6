// Builds the dashboard's DeliveryMetrics from per-bucket aggregates computed in PostgreSQL (see
// lib/server/delivery-metrics-sql.ts), so 300,000 deployments never travel to Node. It applies the
// same metric functions, definitions, targets and levels as computeDeliveryMetrics,
// which stays the reference: an integration property test asserts both agree on random datasets.
import { assembleMetrics, defaultGranularity, EMPTY_AGGREGATE, type DeliveryMetrics, type OutcomeAggregate } from "./delivery-metrics";
import { enumerateBuckets, type Granularity, type Period } from "./time-buckets";

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
  });
}
