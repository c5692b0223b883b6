import "server-only";
// The dashboard's metrics aggregated in PostgreSQL, so 300,000 deployments never travel to Node.
// One pass over the counted deployments (an index-only range scan on "finishedAt", or on
// ("serviceId", "finishedAt") for one service) puts each in its local day with width_bucket over
// the day starts computed here by time-buckets.ts (a binary search per row instead of two time-zone
// conversions and date_trunc); counts and recovery sums per day are then summed into trend buckets
// and the total in Node. Only lead-time percentiles need the rows themselves: one sort by trend
// bucket with ROLLUP for the total. The rules mirror lib/domain/delivery-metrics.ts (the reference;
// a property test compares both) and are written once in metric-rows-sql.ts, which history's
// drill-down filter uses too:
// - counted: kind DEPLOY, outcome set, finishedAt in [from, to); scope by service or its team;
// - buckets: local days and Monday weeks of the org zone, clipped to the period (time-buckets.ts);
// - lead time: SUCCEEDED with commitTime <= finishedAt, percentile_cont 0.5 / 0.9 of the seconds;
// - recovery: ROLLED_BACK with issueDetectedAt <= end, mean seconds of end - issueDetectedAt, where
//   end = a manual rollback's completion, else finishedAt (ROLLED_BACK_AT_SQL in metric-rows-sql.ts);
// - failure: ROLLED_BACK, or a hotfix CR (not cancelled or rejected) names the deployment.
import { Prisma } from "@/generated/prisma/client";
import { readSql } from "@/lib/db";
import type { DailyOutcomeCount, DeliveryMetrics } from "@/lib/domain/delivery-metrics";
import { defaultGranularity } from "@/lib/domain/delivery-metrics";
import type { OutcomeAggregate } from "@/lib/domain/delivery-metrics";
import { COUNTED_SQL, finishedInSql, IS_FAILURE_SQL, LEAD_SECONDS_SQL, RECOVERY_SECONDS_SQL } from "./metric-rows-sql";
import { leadTimeCoverage, type LeadTimeCoverage } from "@/lib/domain/lead-time-coverage";
import { metricsFromAggregates } from "@/lib/domain/metrics-from-aggregates";
import { enumerateBuckets, findBucketIndex, type Bucket, type Granularity, type Period } from "@/lib/domain/time-buckets";

export interface MetricsScope {
  teamId?: string;
  serviceId?: string;
}

interface DayRow {
  day: number;
  succeeded: number;
  failed: number;
  rolled_back: number;
  failures: number;
  recovery_sum: number | null;
  recovery_count: number;
}

interface LeadRow {
  bucket: number | null;
  lead_median: number | null;
  lead_p90: number | null;
  lead_count: number;
}

/** Sums of one bucket; the mean is taken at the end so buckets add up day by day. */
interface Sums {
  succeeded: number;
  failed: number;
  rolledBack: number;
  failures: number;
  recoverySum: number;
  recoveryCount: number;
}
const zeroSums = (): Sums => ({ succeeded: 0, failed: 0, rolledBack: 0, failures: 0, recoverySum: 0, recoveryCount: 0 });

function addDay(into: Sums, r: DayRow): void {
  into.succeeded += Number(r.succeeded);
  into.failed += Number(r.failed);
  into.rolledBack += Number(r.rolled_back);
  into.failures += Number(r.failures);
  into.recoverySum += Number(r.recovery_sum ?? 0);
  into.recoveryCount += Number(r.recovery_count);
}

function toAggregate(s: Sums, lead: LeadRow | undefined): OutcomeAggregate {
  return {
    succeeded: s.succeeded,
    failed: s.failed,
    rolledBack: s.rolledBack,
    failures: s.failures,
    leadMedian: lead?.lead_median ?? null,
    leadP90: lead?.lead_p90 ?? null,
    leadCount: Number(lead?.lead_count ?? 0),
    recoveryMean: s.recoveryCount > 0 ? s.recoverySum / s.recoveryCount : null,
    recoveryCount: s.recoveryCount,
  };
}

function scopeSql(scope: MetricsScope): Prisma.Sql {
  if (scope.serviceId) return Prisma.sql`AND d."serviceId" = ${scope.serviceId}`;
  if (scope.teamId) return Prisma.sql`AND d."serviceId" IN (SELECT id FROM "Service" WHERE "teamId" = ${scope.teamId})`;
  return Prisma.empty;
}

async function queryDays(period: Period, days: Bucket[], dayToBucket: number[], scope: MetricsScope) {
  return readSql<((DayRow & { kind: "day" }) | (LeadRow & { kind: "lead" }))[]>`
    WITH counted AS MATERIALIZED (
      SELECT width_bucket(d."finishedAt", ${days.map((b) => b.start)}::timestamptz[]) AS day,
        d.outcome,
        ${LEAD_SECONDS_SQL} AS lead,
        ${RECOVERY_SECONDS_SQL} AS recovery,
        ${IS_FAILURE_SQL} AS failure
      FROM "Deployment" d
      WHERE ${COUNTED_SQL} AND ${finishedInSql(period.from, period.to)}
        ${scopeSql(scope)}
    )
    SELECT 'day' AS kind, day,
      count(*) FILTER (WHERE outcome = 'SUCCEEDED')::int AS succeeded,
      count(*) FILTER (WHERE outcome = 'FAILED')::int AS failed,
      count(*) FILTER (WHERE outcome = 'ROLLED_BACK')::int AS rolled_back,
      count(*) FILTER (WHERE failure)::int AS failures,
      sum(recovery) AS recovery_sum, count(recovery)::int AS recovery_count,
      NULL::int AS bucket, NULL::float8 AS lead_median, NULL::float8 AS lead_p90, NULL::int AS lead_count
    FROM counted GROUP BY day
    UNION ALL
    SELECT 'lead', NULL, NULL, NULL, NULL, NULL, NULL, NULL, bucket,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY lead), percentile_cont(0.9) WITHIN GROUP (ORDER BY lead), count(*)::int
    FROM (SELECT (${dayToBucket}::int[])[day] AS bucket, lead FROM counted WHERE lead IS NOT NULL) l
    GROUP BY ROLLUP (bucket)`;
}

export async function deliveryMetricsSql(opts: {
  period: Period;
  timeZone: string;
  granularity?: Granularity;
  scope?: MetricsScope;
}): Promise<{ metrics: DeliveryMetrics; daily: DailyOutcomeCount[]; leadTimeCoverage: LeadTimeCoverage }> {
  const { period, timeZone } = opts;
  const granularity = opts.granularity ?? defaultGranularity(period, timeZone);
  const days = enumerateBuckets(period, "day", timeZone);
  const buckets = granularity === "day" ? days : enumerateBuckets(period, granularity, timeZone);
  // 1-based like width_bucket and SQL arrays; a local day lies in exactly one trend bucket.
  const dayToBucket = days.map((d) => findBucketIndex(buckets, d.start) + 1);
  const rows = days.length === 0 ? [] : await queryDays(period, days, dayToBucket, opts.scope ?? {});

  const daySums = days.map(zeroSums);
  const bucketSums = buckets.map(zeroSums);
  const total = zeroSums();
  const leads = new Map<number | null, LeadRow>();
  for (const r of rows) {
    if (r.kind === "lead") {
      leads.set(r.bucket === null ? null : Number(r.bucket), r);
      continue;
    }
    const i = Number(r.day) - 1;
    addDay(daySums[i]!, r);
    addDay(bucketSums[dayToBucket[i]! - 1]!, r);
    addDay(total, r);
  }
  const byBucket = new Map(buckets.map((b, i) => [b.key, toAggregate(bucketSums[i]!, leads.get(i + 1))]));
  const metrics = metricsFromAggregates(toAggregate(total, leads.get(null)), byBucket, { period, timeZone, granularity });
  const daily = days.map((b, i) => ({ date: b.key, success: daySums[i]!.succeeded, failed: daySums[i]!.failed, rolledBack: daySums[i]!.rolledBack }));
  return { metrics, daily, leadTimeCoverage: leadTimeCoverage(metrics) };
}
