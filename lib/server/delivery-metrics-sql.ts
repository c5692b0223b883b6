import "server-only";
// The dashboard's metrics aggregated in PostgreSQL: one pass over the counted deployments, grouped
// by local day, by trend bucket and over the whole period (GROUPING SETS), so a year of 300,000
// deployments costs one indexed range scan and returns a few hundred rows. The rules mirror
// lib/domain/delivery-metrics.ts (the reference; a property test compares both):
// - counted: kind DEPLOY, outcome set, finishedAt in [from, to); scope by service or its team;
// - buckets: date_trunc on ("finishedAt" AT TIME ZONE 'UTC') AT TIME ZONE tz (UTC timestamp(3));
// - lead time: SUCCEEDED with commitTime <= finishedAt, percentile_cont 0.5 / 0.9 of the seconds;
// - recovery: ROLLED_BACK with issueDetectedAt <= finishedAt (the rollback completing), AVG seconds;
// - failure: ROLLED_BACK, or a hotfix CR (not cancelled or rejected) names the deployment.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { DailyOutcomeCount, DeliveryMetrics } from "@/lib/domain/delivery-metrics";
import { defaultGranularity } from "@/lib/domain/delivery-metrics";
import { EMPTY_AGGREGATE, metricsFromAggregates, type OutcomeAggregate } from "@/lib/domain/metrics-from-aggregates";
import { enumerateBuckets, type Granularity, type Period } from "@/lib/domain/time-buckets";

export interface MetricsScope {
  teamId?: string;
  serviceId?: string;
}

interface Row {
  level: "day" | "bucket" | "total";
  key: string | null;
  succeeded: number;
  failed: number;
  rolled_back: number;
  failures: number;
  lead_median: number | null;
  lead_p90: number | null;
  lead_count: number;
  recovery_mean: number | null;
  recovery_count: number;
}

const toAggregate = (r: Row): OutcomeAggregate => ({
  succeeded: Number(r.succeeded),
  failed: Number(r.failed),
  rolledBack: Number(r.rolled_back),
  failures: Number(r.failures),
  leadMedian: r.lead_median,
  leadP90: r.lead_p90,
  leadCount: Number(r.lead_count),
  recoveryMean: r.recovery_mean,
  recoveryCount: Number(r.recovery_count),
});

function scopeSql(scope: MetricsScope): Prisma.Sql {
  if (scope.serviceId) return Prisma.sql`AND d."serviceId" = ${scope.serviceId}`;
  if (scope.teamId) return Prisma.sql`AND d."serviceId" IN (SELECT id FROM "Service" WHERE "teamId" = ${scope.teamId})`;
  return Prisma.empty;
}

export async function deliveryMetricsSql(opts: {
  period: Period;
  timeZone: string;
  granularity?: Granularity;
  scope?: MetricsScope;
}): Promise<{ metrics: DeliveryMetrics; daily: DailyOutcomeCount[] }> {
  const { period, timeZone } = opts;
  const granularity = opts.granularity ?? defaultGranularity(period, timeZone);
  const rows = await db.$queryRaw<Row[]>`
    WITH counted AS (
      SELECT d.outcome,
        (d."finishedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone} AS local_finished,
        CASE WHEN d.outcome = 'SUCCEEDED' AND d."commitTime" <= d."finishedAt"
          THEN EXTRACT(EPOCH FROM d."finishedAt" - d."commitTime")::float8 END AS lead,
        CASE WHEN d.outcome = 'ROLLED_BACK' AND d."issueDetectedAt" <= d."finishedAt"
          THEN EXTRACT(EPOCH FROM d."finishedAt" - d."issueDetectedAt")::float8 END AS recovery,
        (d.outcome = 'ROLLED_BACK' OR d.id IN (
          SELECT h."hotfixForDeploymentId" FROM "ChangeRequest" h
          WHERE h."hotfixForDeploymentId" IS NOT NULL AND h.state NOT IN ('CANCELLED', 'REJECTED')
        )) AS failure
      FROM "Deployment" d
      WHERE d.kind = 'DEPLOY' AND d.outcome IS NOT NULL
        AND d."finishedAt" >= ${period.from.toISOString()}::timestamp
        AND d."finishedAt" < ${period.to.toISOString()}::timestamp
        ${scopeSql(opts.scope ?? {})}
    ), keyed AS (
      SELECT *, date_trunc('day', local_finished)::date AS day,
        date_trunc(${granularity}, local_finished)::date AS bucket
      FROM counted
    )
    SELECT
      CASE WHEN GROUPING(day) = 0 THEN 'day' WHEN GROUPING(bucket) = 0 THEN 'bucket' ELSE 'total' END AS level,
      to_char(COALESCE(day, bucket), 'YYYY-MM-DD') AS key,
      count(*) FILTER (WHERE outcome = 'SUCCEEDED')::int AS succeeded,
      count(*) FILTER (WHERE outcome = 'FAILED')::int AS failed,
      count(*) FILTER (WHERE outcome = 'ROLLED_BACK')::int AS rolled_back,
      count(*) FILTER (WHERE failure)::int AS failures,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY lead) AS lead_median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY lead) AS lead_p90,
      count(lead)::int AS lead_count,
      avg(recovery) AS recovery_mean,
      count(recovery)::int AS recovery_count
    FROM keyed
    GROUP BY GROUPING SETS ((day), (bucket), ())`;

  let total = EMPTY_AGGREGATE;
  const byBucket = new Map<string, OutcomeAggregate>();
  const byDay = new Map<string, OutcomeAggregate>();
  for (const r of rows) {
    if (r.level === "total") total = toAggregate(r);
    else (r.level === "day" ? byDay : byBucket).set(r.key ?? "", toAggregate(r));
  }
  const metrics = metricsFromAggregates(total, byBucket, { period, timeZone, granularity });
  const daily = enumerateBuckets(period, "day", timeZone).map((b) => {
    const a = byDay.get(b.key) ?? EMPTY_AGGREGATE;
    return { date: b.key, success: a.succeeded, failed: a.failed, rolledBack: a.rolledBack };
  });
  return { metrics, daily };
}
