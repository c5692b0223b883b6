// Calendar buckets in the organisation's time zone for the metrics dashboard and its trend charts.
//
// The rules are written so the SQL path can reproduce them exactly:
// - A period is half-open, [from, to): an instant equal to `to` is outside.
// - A day bucket is a local calendar day, [local 00:00, next local 00:00). It is 23 or 25 hours long
//   on daylight-saving days. SQL: date_trunc('day', local)::date, where local is
//   "finishedAt" AT TIME ZONE tz (the columns are timestamptz).
// - A week bucket starts Monday at local 00:00 and ends the next Monday at local 00:00 (ISO weeks).
//   SQL: date_trunc('week', local)::date — PostgreSQL truncates weeks to Monday too.
// - The first and last bucket are clipped to the period and flagged `partial` when clipping cut them.
// - Every bucket between is listed, empty ones included, so charts show gaps as zeros, not as jumps.
import { DateTime } from "luxon";
import { isValidTimeZone } from "./local-time";

export type Granularity = "day" | "week";

/** Half-open [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

export interface Bucket {
  /** The local date the bucket starts on, 'YYYY-MM-DD' (for a week: its Monday). */
  key: string;
  /** Clipped to the period. */
  start: Date;
  end: Date;
  /** True when the period cut part of the calendar day or week off. */
  partial: boolean;
}

export function assertTimeZone(zone: string): void {
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
}

export function assertPeriod(period: Period): void {
  const from = period.from.getTime();
  const to = period.to.getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError("Period bounds must be valid dates");
  if (to < from) throw new RangeError("Period ends before it starts");
}

/** The key of the bucket that contains the instant. */
export function bucketKeyOf(instant: Date, granularity: Granularity, zone: string): string {
  const dt = DateTime.fromJSDate(instant, { zone });
  // luxon's startOf('week') is ISO (Monday), independent of locale.
  return (granularity === "day" ? dt.startOf("day") : dt.startOf("week")).toISODate() ?? "";
}

/** The instant a local date begins in the zone (local midnight, or the first valid instant after it). */
export function startOfLocalDate(date: string, zone: string): Date {
  const dt = DateTime.fromISO(date, { zone });
  if (!dt.isValid) throw new RangeError(`Not a calendar date: "${date}"`);
  return dt.startOf("day").toJSDate();
}

// A year of days costs luxon ~10 ms to walk, and every dashboard view of the same period asks for
// the same buckets (three times per view): remembered per (period, granularity, zone), few entries.
const MEMO_MAX = 32;
const memo = new Map<string, Bucket[]>();

/** Every bucket that overlaps the period, clipped to it, in time order. Empty period → []. */
export function enumerateBuckets(period: Period, granularity: Granularity, zone: string): Bucket[] {
  assertTimeZone(zone);
  assertPeriod(period);
  const key = `${period.from.getTime()}|${period.to.getTime()}|${granularity}|${zone}`;
  let buckets = memo.get(key);
  if (!buckets) {
    buckets = walkBuckets(period, granularity, zone);
    if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
    memo.set(key, buckets);
  }
  // Copies, so a caller changing its result cannot change another's.
  return buckets.map((b) => ({ ...b, start: new Date(b.start), end: new Date(b.end) }));
}

function walkBuckets(period: Period, granularity: Granularity, zone: string): Bucket[] {
  const out: Bucket[] = [];
  const to = period.to.getTime();
  // An empty period has no buckets, even when it sits inside a day (no zero-length bucket).
  if (to === period.from.getTime()) return out;
  const unit = granularity === "day" ? "day" : "week";
  let cursor = DateTime.fromJSDate(period.from, { zone }).startOf(unit);
  while (cursor.toMillis() < to) {
    // Calendar arithmetic (not +24 h) so the next bucket starts at local midnight across DST.
    const next = cursor.plus(granularity === "day" ? { days: 1 } : { weeks: 1 }).startOf(unit);
    const start = Math.max(cursor.toMillis(), period.from.getTime());
    const end = Math.min(next.toMillis(), to);
    out.push({
      key: cursor.toISODate() ?? "",
      start: new Date(start),
      end: new Date(end),
      partial: start !== cursor.toMillis() || end !== next.toMillis(),
    });
    cursor = next;
  }
  return out;
}

/**
 * Index of the bucket holding the instant, or -1 when it is outside all of them. Buckets are sorted
 * and contiguous, so a binary search over their starts avoids a time-zone conversion per record.
 */
export function findBucketIndex(buckets: readonly Bucket[], instant: Date): number {
  const t = instant.getTime();
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = buckets[mid]!;
    if (t < b.start.getTime()) hi = mid - 1;
    else if (t >= b.end.getTime()) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * The period's length in weeks, counted in local calendar days (a 23- or 25-hour DST day is one day)
 * divided by 7, so "the last four weeks" is exactly 4 whatever the clocks did. A part-day at either
 * end counts as its share of that day's real length (luxon's calendar diff: 00:00–12:00 on a 23-hour
 * day is 11/23). The SQL path takes this number as a parameter rather than recomputing it.
 */
export function periodWeeks(period: Period, zone: string): number {
  assertTimeZone(zone);
  assertPeriod(period);
  const from = DateTime.fromJSDate(period.from, { zone });
  const to = DateTime.fromJSDate(period.to, { zone });
  return to.diff(from, "days").days / 7;
}

/**
 * The period covering local dates `fromDate` … `toDate`, both inclusive: from the first one's local
 * midnight to the local midnight after the last one.
 */
export function periodFromLocalDates(fromDate: string, toDate: string, zone: string): Period {
  assertTimeZone(zone);
  const from = startOfLocalDate(fromDate, zone);
  const to = DateTime.fromISO(toDate, { zone }).plus({ days: 1 }).startOf("day").toJSDate();
  const period = { from, to };
  assertPeriod(period);
  return period;
}
