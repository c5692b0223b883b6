// The seed's "Daily Deployments" widget: Success, Failed and RolledBack stacked per day.
import { isCounted, type DeploymentRecord } from "./deployment-record";
import { enumerateBuckets, findBucketIndex, type Period } from "./time-buckets";

export interface DailyOutcomeCount {
  /** Local calendar date in the organisation's zone, 'YYYY-MM-DD'. */
  date: string;
  success: number;
  failed: number;
  rolledBack: number;
}

/**
 * Counted deployments (see isCounted) per local calendar day of the period, by the day they
 * finished — one spanning midnight counts on the later day; a DST day is 23 or 25 hours long. Every
 * day of the period is listed, zeros included. SQL: GROUP BY
 * date_trunc('day', "finishedAt" AT TIME ZONE tz)::date, outcome.
 */
export function dailyOutcomeCounts(
  deployments: readonly DeploymentRecord[],
  period: Period,
  timeZone: string,
): DailyOutcomeCount[] {
  const buckets = enumerateBuckets(period, "day", timeZone);
  const out = buckets.map((b) => ({ date: b.key, success: 0, failed: 0, rolledBack: 0 }));
  for (const d of deployments) {
    if (!isCounted(d, period)) continue;
    const row = out[findBucketIndex(buckets, d.finishedAt)];
    if (!row) continue;
    if (d.outcome === "SUCCEEDED") row.success++;
    else if (d.outcome === "FAILED") row.failed++;
    else row.rolledBack++;
  }
  return out;
}
