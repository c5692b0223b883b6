// The seed's five delivery metrics, their DORA levels and trends, over plain deployment records.
//
// The SQL path (lib/server) must reproduce these rules exactly; a property test compares both:
// 1. Counted deployments: see isCounted in deployment-record.ts (DEPLOY kind, finished, finishedAt
//    in [from, to)). Every metric and bucket places a deployment by finishedAt, so one spanning
//    midnight counts on the local day it finished, and a hotfix linked later counts in the period
//    the deployment finished in.
// 2. Buckets: see time-buckets.ts (local day / Monday-start local week, clipped to the period).
// 3. Deployment frequency = count(SUCCEEDED) / periodWeeks (local calendar days / 7). Its trend
//    points are plain counts of successful deployments per bucket (not rates).
// 4. Lead time, per SUCCEEDED deployment with commitTime <= finishedAt (a later commit time is bad
//    data and is skipped): EXTRACT(EPOCH FROM finishedAt - commitTime) seconds; value = median and
//    p90 by percentile_cont (linear interpolation, see percentile.ts).
// 5. Success rate = count(SUCCEEDED) / count(*) over counted deployments; null when none.
// 6. Mean time to rollback, per ROLLED_BACK deployment with issueDetectedAt <= end, where end =
//    rolledBackAt ?? finishedAt: AVG(end - issueDetectedAt) in seconds; null when none.
// 7. Change failure rate = count(outcome = ROLLED_BACK OR hasHotfix) / count(*); null when none.
//    A FAILED deployment counts as a change failure only with a hotfix linked: the seed measures
//    "deployments requiring rollback or hotfix", and a failed deploy left the old version serving.
import { isCounted, type CountedDeployment, type DeploymentRecord } from "./deployment-record";
import { gradeDora, type DoraGrade, type DoraMetric } from "./dora-levels";
import {
  METRIC_DEFINITIONS,
  meetsTarget,
  type MetricKey,
  type MetricTarget,
  type MetricUnit,
} from "./metric-definitions";
import { mean, percentileCont } from "./percentile";
import { enumerateBuckets, findBucketIndex, periodWeeks, type Granularity, type Period } from "./time-buckets";

// One import for the dashboard's callers.
export { inScope, isCounted, type DeploymentOutcome, type DeploymentRecord } from "./deployment-record";
export { dailyOutcomeCounts, type DailyOutcomeCount } from "./daily-outcomes";

export interface TrendPoint {
  /** Local date the bucket starts on ('YYYY-MM-DD'; for weeks, the Monday). */
  bucket: string;
  start: Date;
  end: Date;
  partial: boolean;
  value: number | null;
  /** Only on the lead-time trend. */
  p90?: number | null;
  sampleSize: number;
}

export interface MetricResult {
  key: MetricKey;
  label: string;
  unit: MetricUnit;
  value: number | null;
  /** Why value is null, in words for the page; null when there is a value. */
  nullReason: string | null;
  /** How many data points the value rests on. */
  sampleSize: number;
  target: MetricTarget;
  meetsTarget: boolean | null;
  /** The DORA level, "not-enough-data" below the minimum sample, null for a metric DORA does not rate. */
  level: DoraGrade["level"] | null;
  /** Why there is no level (too few deployments); null otherwise. */
  levelReason: string | null;
  definition: string;
  /** Unit of the trend values: frequency trends are counts per bucket. */
  trendUnit: MetricUnit | "count";
  trend: TrendPoint[];
}

export interface LeadTimeResult extends MetricResult {
  p90: number | null;
}

export interface DeliveryMetrics {
  period: Period;
  timeZone: string;
  granularity: Granularity;
  weeks: number;
  totals: { finished: number; succeeded: number; failed: number; rolledBack: number; failures: number };
  deploymentFrequency: MetricResult;
  leadTime: LeadTimeResult;
  successRate: MetricResult;
  meanTimeToRollback: MetricResult;
  changeFailureRate: MetricResult;
}

interface Tally {
  succeeded: number;
  failed: number;
  rolledBack: number;
  failures: number;
  leadTimes: number[];
  recoveryTimes: number[];
}

const emptyTally = (): Tally => ({ succeeded: 0, failed: 0, rolledBack: 0, failures: 0, leadTimes: [], recoveryTimes: [] });
export const finishedOf = (c: OutcomeCounts) => c.succeeded + c.failed + c.rolledBack;

function add(t: Tally, d: CountedDeployment): void {
  const finished = d.finishedAt.getTime();
  if (d.outcome === "SUCCEEDED") {
    t.succeeded++;
    const commit = d.commitTime?.getTime();
    if (commit !== undefined && commit <= finished) t.leadTimes.push((finished - commit) / 1000);
  } else if (d.outcome === "FAILED") {
    t.failed++;
  } else {
    t.rolledBack++;
    const end = (d.rolledBackAt ?? d.finishedAt).getTime();
    const detected = d.issueDetectedAt?.getTime();
    if (detected !== undefined && detected <= end) t.recoveryTimes.push((end - detected) / 1000);
  }
  if (d.outcome === "ROLLED_BACK" || d.hasHotfix) t.failures++;
}

/** Up to 31 local days a daily trend is readable; beyond that weekly. */
export function defaultGranularity(period: Period, timeZone: string): Granularity {
  return periodWeeks(period, timeZone) * 7 <= 31 ? "day" : "week";
}

/** One bucket's (or the whole period's) aggregates: what SQL computes, and what samples reduce to. */
export interface OutcomeAggregate extends OutcomeCounts {
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

/** A tally of raw samples reduced to the aggregates the metrics are computed from. */
function aggregateOf(t: Tally): OutcomeAggregate {
  return {
    succeeded: t.succeeded,
    failed: t.failed,
    rolledBack: t.rolledBack,
    failures: t.failures,
    leadMedian: percentileCont(t.leadTimes, 0.5),
    leadP90: percentileCont(t.leadTimes, 0.9),
    leadCount: t.leadTimes.length,
    recoveryMean: mean(t.recoveryTimes),
    recoveryCount: t.recoveryTimes.length,
  };
}

function ratio(numerator: number, finished: number): Computed {
  return finished > 0
    ? { value: numerator / finished, nullReason: null, sampleSize: finished }
    : { value: null, nullReason: "No deployment finished in this period.", sampleSize: 0 };
}

// One function per metric, for the whole period and each trend bucket, on both paths.
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

/**
 * All five metrics for the deployments finished in the period, with trends bucketed by `granularity`
 * (default: daily up to 31 days, else weekly) in the organisation's time zone.
 */
export function computeDeliveryMetrics(
  deployments: readonly DeploymentRecord[],
  opts: { period: Period; timeZone: string; granularity?: Granularity },
): DeliveryMetrics {
  const { period, timeZone } = opts;
  const granularity = opts.granularity ?? defaultGranularity(period, timeZone);
  const buckets = enumerateBuckets(period, granularity, timeZone);
  const total = emptyTally();
  const perBucket = buckets.map(emptyTally);
  for (const d of deployments) {
    if (!isCounted(d, period)) continue;
    add(total, d);
    const i = findBucketIndex(buckets, d.finishedAt);
    if (i >= 0) add(perBucket[i]!, d);
  }
  const aggregates = perBucket.map(aggregateOf);
  return assembleMetrics({ period, timeZone, granularity, buckets, total: aggregateOf(total), bucketCounts: (i) => aggregates[i]! });
}

/** What both the reference path (raw samples) and the SQL path (aggregates) count per period and bucket. */
export interface OutcomeCounts {
  succeeded: number;
  failed: number;
  rolledBack: number;
  failures: number;
}

export interface Computed {
  value: number | null;
  nullReason: string | null;
  sampleSize: number;
  p90?: number | null;
}

function levelOf(dora: DoraMetric | null, c: Computed, finished: number): Pick<MetricResult, "level" | "levelReason"> {
  if (!dora) return { level: null, levelReason: null };
  const g = gradeDora(dora, c.value, finished, c.sampleSize);
  return { level: g.level, levelReason: g.reason };
}

/**
 * Turns aggregates into the page's result: the five metrics, totals, targets, levels, definitions
 * and trends. Shared by computeDeliveryMetrics and metricsFromAggregates so the two paths can only
 * differ in how they aggregate, which is what the SQL-vs-reference property test compares.
 */
export function assembleMetrics(args: {
  period: Period;
  timeZone: string;
  granularity: Granularity;
  buckets: ReturnType<typeof enumerateBuckets>;
  total: OutcomeAggregate;
  bucketCounts: (index: number, bucketKey: string) => OutcomeAggregate;
}): DeliveryMetrics {
  const { period, timeZone, granularity, buckets, total, bucketCounts } = args;
  const weeks = periodWeeks(period, timeZone);

  const build = (key: MetricKey): MetricResult & { p90?: number | null } => {
    const def = METRIC_DEFINITIONS[key];
    const c = compute[key](total, weeks);
    const trend = buckets.map((b, i): TrendPoint => {
      const counts = bucketCounts(i, b.key);
      const point = compute[key](counts, 0);
      return {
        bucket: b.key,
        start: b.start,
        end: b.end,
        partial: b.partial,
        value: key === "deploymentFrequency" ? counts.succeeded : point.value,
        ...(key === "leadTime" ? { p90: point.p90 ?? null } : {}),
        sampleSize: key === "deploymentFrequency" ? counts.succeeded : point.sampleSize,
      };
    });
    return {
      key,
      label: def.label,
      unit: def.unit,
      value: c.value,
      nullReason: c.nullReason,
      sampleSize: c.sampleSize,
      target: def.target,
      meetsTarget: meetsTarget(key, c.value),
      ...levelOf(def.dora, c, finishedOf(total)),
      definition: def.definition,
      trendUnit: key === "deploymentFrequency" ? "count" : def.unit,
      trend,
      ...(key === "leadTime" ? { p90: c.p90 ?? null } : {}),
    };
  };

  return {
    period,
    timeZone,
    granularity,
    weeks,
    totals: {
      finished: finishedOf(total),
      succeeded: total.succeeded,
      failed: total.failed,
      rolledBack: total.rolledBack,
      failures: total.failures,
    },
    deploymentFrequency: build("deploymentFrequency"),
    leadTime: build("leadTime") as LeadTimeResult,
    successRate: build("successRate"),
    meanTimeToRollback: build("meanTimeToRollback"),
    changeFailureRate: build("changeFailureRate"),
  };
}

