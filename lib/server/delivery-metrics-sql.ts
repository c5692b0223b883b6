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
//   end = a manual rollback's completion, else finishedAt (rolledBackAtExpr in metric-rows-sql.ts);
// - failure: ROLLED_BACK, or a hotfix CR (not cancelled or rejected) names the deployment.
import { sql } from "kysely";
import { readDb } from "@/lib/db";
import type { DailyOutcomeCount, DeliveryMetrics } from "@/lib/domain/delivery-metrics";
import { defaultGranularity } from "@/lib/domain/delivery-metrics";
import type { OutcomeAggregate } from "@/lib/domain/delivery-metrics";
import { countedExpr, finishedInExpr, isFailureExpr, leadSecondsExpr, recoverySecondsExpr } from "./metric-rows-sql";
import { leadTimeCoverage, type LeadTimeCoverage } from "@/lib/domain/lead-time-coverage";
import { metricsFromAggregates } from "@/lib/domain/metrics-from-aggregates";
import { enumerateBuckets, findBucketIndex, type Bucket, type Granularity, type Period } from "@/lib/domain/time-buckets";

export interface MetricsScope {
  teamId?: string;
  serviceId?: string;
}

type Row = Awaited<ReturnType<typeof queryDays>>[number];

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

// A day row's counts are never NULL (count(*) of its group); only the lead rows leave them empty.
function addDay(into: Sums, r: Row): void {
  into.succeeded += r.succeeded ?? 0;
  into.failed += r.failed ?? 0;
  into.rolledBack += r.rolled_back ?? 0;
  into.failures += r.failures ?? 0;
  into.recoverySum += r.recovery_sum ?? 0;
  into.recoveryCount += r.recovery_count ?? 0;
}

function toAggregate(s: Sums, lead: Row | undefined): OutcomeAggregate {
  return {
    succeeded: s.succeeded,
    failed: s.failed,
    rolledBack: s.rolledBack,
    failures: s.failures,
    leadMedian: lead?.lead_median ?? null,
    leadP90: lead?.lead_p90 ?? null,
    leadCount: lead?.lead_count ?? 0,
    recoveryMean: s.recoveryCount > 0 ? s.recoverySum / s.recoveryCount : null,
    recoveryCount: s.recoveryCount,
  };
}

/**
 * One statement: the counted deployments materialized once, then a row per local day (counts, failure
 * and recovery sums) and, after UNION ALL, a row per trend bucket with the lead-time percentiles (the
 * ROLLUP row, bucket NULL, is the whole period). `kind` says which half a row is from.
 */
function queryDays(period: Period, days: Bucket[], dayToBucket: number[], scope: MetricsScope) {
  const NULL_INT = sql<number | null>`NULL::int`;
  const NULL_FLOAT = sql<number | null>`NULL::float8`;
  return readDb
    .with(
      (cte) => cte("counted").materialized(),
      (db) =>
        db
          .selectFrom("Deployment as d")
          .select((eb) => [
            sql<number>`width_bucket(${eb.ref("d.finishedAt")}, ${days.map((b) => b.start)}::timestamptz[])`.as("day"),
            "d.outcome",
            leadSecondsExpr.as("lead"),
            recoverySecondsExpr.as("recovery"),
            isFailureExpr.as("failure"),
          ])
          .where(countedExpr)
          .where(finishedInExpr(period.from, period.to))
          .$if(!!scope.serviceId, (q) => q.where("d.serviceId", "=", scope.serviceId!))
          .$if(!scope.serviceId && !!scope.teamId, (q) =>
            q.where("d.serviceId", "in", (eb) => eb.selectFrom("Service").select("id").where("teamId", "=", scope.teamId!)),
          ),
    )
    .selectFrom("counted")
    .select((eb) => [
      sql<"day" | "lead">`'day'`.as("kind"),
      sql<number | null>`day`.as("day"),
      sql<number | null>`count(*) FILTER (WHERE outcome = 'SUCCEEDED')::int`.as("succeeded"),
      sql<number | null>`count(*) FILTER (WHERE outcome = 'FAILED')::int`.as("failed"),
      sql<number | null>`count(*) FILTER (WHERE outcome = 'ROLLED_BACK')::int`.as("rolled_back"),
      sql<number | null>`count(*) FILTER (WHERE failure)::int`.as("failures"),
      eb.fn.sum<number | null>("recovery").as("recovery_sum"),
      sql<number | null>`count(recovery)::int`.as("recovery_count"),
      NULL_INT.as("bucket"),
      NULL_FLOAT.as("lead_median"),
      NULL_FLOAT.as("lead_p90"),
      NULL_INT.as("lead_count"),
    ])
    .groupBy("day")
    .unionAll((eb) =>
      eb
        .selectFrom(
          eb.selectFrom("counted")
            .select([sql<number>`(${dayToBucket}::int[])[day]`.as("bucket"), "lead"])
            .where("lead", "is not", null)
            .as("l"),
        )
        .select((e) => [
          sql<"day" | "lead">`'lead'`.as("kind"),
          NULL_INT.as("day"),
          NULL_INT.as("succeeded"),
          NULL_INT.as("failed"),
          NULL_INT.as("rolled_back"),
          NULL_INT.as("failures"),
          NULL_FLOAT.as("recovery_sum"),
          NULL_INT.as("recovery_count"),
          sql<number | null>`bucket`.as("bucket"),
          e.fn.agg<number | null>("percentile_cont", [sql.lit(0.5)]).withinGroupOrderBy("lead").as("lead_median"),
          e.fn.agg<number | null>("percentile_cont", [sql.lit(0.9)]).withinGroupOrderBy("lead").as("lead_p90"),
          sql<number | null>`count(*)::int`.as("lead_count"),
        ])
        .groupBy(sql`ROLLUP (bucket)`),
    )
    .execute();
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
  const leads = new Map<number | null, Row>();
  for (const r of rows) {
    if (r.kind === "lead") {
      leads.set(r.bucket, r);
      continue;
    }
    const i = (r.day ?? 0) - 1;
    addDay(daySums[i]!, r);
    addDay(bucketSums[dayToBucket[i]! - 1]!, r);
    addDay(total, r);
  }
  const byBucket = new Map(buckets.map((b, i) => [b.key, toAggregate(bucketSums[i]!, leads.get(i + 1))]));
  const metrics = metricsFromAggregates(toAggregate(total, leads.get(null)), byBucket, { period, timeZone, granularity });
  const daily = days.map((b, i) => ({ date: b.key, success: daySums[i]!.succeeded, failed: daySums[i]!.failed, rolledBack: daySums[i]!.rolledBack }));
  return { metrics, daily, leadTimeCoverage: leadTimeCoverage(metrics) };
}
