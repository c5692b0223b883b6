import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeDeliveryMetrics, dailyOutcomeCounts, type DeploymentRecord } from "./delivery-metrics";
import { periodFromLocalDates } from "./time-buckets";

const at = (iso: string) => new Date(iso);
let seq = 0;
function dep(p: Partial<DeploymentRecord> & Pick<DeploymentRecord, "outcome" | "finishedAt">): DeploymentRecord {
  const finishedAt = p.finishedAt;
  return {
    id: `d${++seq}`,
    serviceId: "svc-a",
    teamId: "team-1",
    kind: "DEPLOY",
    startedAt: finishedAt ? new Date(finishedAt.getTime() - 10 * 60_000) : at("2024-03-25T00:00:00Z"),
    hasHotfix: false,
    ...p,
  };
}

const BERLIN = "Europe/Berlin";
// Monday 25 – Sunday 31 March 2024: the week Berlin moves its clocks forward (167 hours, one week).
const dstWeek = periodFromLocalDates("2024-03-25", "2024-03-31", BERLIN);

const week: DeploymentRecord[] = [
  dep({ outcome: "SUCCEEDED", finishedAt: at("2024-03-25T09:00:00Z"), commitTime: at("2024-03-25T06:00:00Z") }), // lead 3 h
  dep({ outcome: "SUCCEEDED", finishedAt: at("2024-03-26T12:00:00Z"), commitTime: at("2024-03-25T12:00:00Z") }), // lead 1 day
  dep({ outcome: "SUCCEEDED", finishedAt: at("2024-03-27T12:00:00Z") }), // no commit time reported
  dep({ outcome: "FAILED", finishedAt: at("2024-03-28T12:00:00Z") }),
  dep({ outcome: "ROLLED_BACK", finishedAt: at("2024-03-29T12:10:00Z"), issueDetectedAt: at("2024-03-29T12:04:00Z") }), // 6 min
  // Starts 23:50 on Saturday, rolled back at 01:30 on Sunday (local): counts on Sunday. 15 min.
  dep({
    outcome: "ROLLED_BACK",
    startedAt: at("2024-03-30T22:50:00Z"),
    finishedAt: at("2024-03-30T23:30:00Z"),
    issueDetectedAt: at("2024-03-30T23:15:00Z"),
  }),
  // Succeeded, but a hotfix CR names it: a change failure. Lead 2 days.
  dep({ outcome: "SUCCEEDED", finishedAt: at("2024-03-31T20:00:00Z"), commitTime: at("2024-03-29T20:00:00Z"), hasHotfix: true }),
  // Not counted: still running, a rollback operation, finishing exactly at the end, last week's.
  dep({ outcome: null, finishedAt: null, startedAt: at("2024-03-28T10:00:00Z") }),
  dep({ kind: "ROLLBACK", outcome: "SUCCEEDED", finishedAt: at("2024-03-29T12:10:00Z") }),
  dep({ outcome: "SUCCEEDED", finishedAt: at("2024-03-31T22:00:00Z") }),
  dep({ outcome: "SUCCEEDED", finishedAt: at("2024-03-18T10:00:00Z"), hasHotfix: true }),
];

describe("delivery metrics on a hand-computed week (Europe/Berlin, DST week)", () => {
  const m = computeDeliveryMetrics(week, { period: dstWeek, timeZone: BERLIN });

  it("counts finished DEPLOY-kind deployments by the instant they finished", () => {
    expect(m.weeks).toBe(1);
    expect(m.granularity).toBe("day");
    expect(m.totals).toEqual({ finished: 7, succeeded: 4, failed: 1, rolledBack: 2, failures: 3 });
  });

  it("deployment frequency: 4 successes in one week", () => {
    expect(m.deploymentFrequency).toMatchObject({ value: 4, meetsTarget: false, level: "high", trendUnit: "count" });
    expect(m.deploymentFrequency.trend.map((p) => p.value)).toEqual([1, 1, 1, 0, 0, 0, 1]);
  });

  it("lead time: median and p90 by linear interpolation of 3 h, 1 day, 2 days", () => {
    expect(m.leadTime.value).toBe(86_400);
    expect(m.leadTime.p90).toBe(86_400 + 0.8 * 86_400);
    // Three known commit times are too few for a DORA level.
    expect(m.leadTime).toMatchObject({ sampleSize: 3, meetsTarget: false, level: "not-enough-data" });
    expect(m.leadTime.trend.map((p) => p.value)).toEqual([10_800, 86_400, null, null, null, null, 172_800]);
  });

  it("success rate: 4 of 7, no DORA level", () => {
    expect(m.successRate.value).toBeCloseTo(4 / 7, 12);
    expect(m.successRate).toMatchObject({ sampleSize: 7, meetsTarget: false, level: null });
  });

  it("mean time to rollback: (6 + 15) / 2 minutes", () => {
    expect(m.meanTimeToRollback).toMatchObject({ value: 630, sampleSize: 2, meetsTarget: false, level: "elite" });
  });

  it("change failure rate: two rollbacks and one hotfixed, of 7", () => {
    expect(m.changeFailureRate.value).toBeCloseTo(3 / 7, 12);
    expect(m.changeFailureRate).toMatchObject({ meetsTarget: false, level: "low" });
    expect(m.changeFailureRate.trend.at(-1)).toMatchObject({ bucket: "2024-03-31", value: 1, sampleSize: 2 });
  });

  it("weekly granularity gives one full bucket equal to the total", () => {
    const w = computeDeliveryMetrics(week, { period: dstWeek, timeZone: BERLIN, granularity: "week" });
    expect(w.changeFailureRate.trend).toHaveLength(1);
    expect(w.changeFailureRate.trend[0]).toMatchObject({ bucket: "2024-03-25", partial: false });
    expect(w.changeFailureRate.trend[0]!.value).toBeCloseTo(3 / 7, 12);
  });

  it("daily outcome counts put the midnight-spanning rollback on Sunday", () => {
    expect(dailyOutcomeCounts(week, dstWeek, BERLIN)).toEqual([
      { date: "2024-03-25", success: 1, failed: 0, rolledBack: 0 },
      { date: "2024-03-26", success: 1, failed: 0, rolledBack: 0 },
      { date: "2024-03-27", success: 1, failed: 0, rolledBack: 0 },
      { date: "2024-03-28", success: 0, failed: 1, rolledBack: 0 },
      { date: "2024-03-29", success: 0, failed: 0, rolledBack: 1 },
      { date: "2024-03-30", success: 0, failed: 0, rolledBack: 0 },
      { date: "2024-03-31", success: 1, failed: 0, rolledBack: 1 },
    ]);
  });
});

describe("edge cases", () => {
  it("no deployments: frequency is 0, the rest have no value and say why", () => {
    const m = computeDeliveryMetrics([], { period: dstWeek, timeZone: BERLIN });
    // No deployments is no data, not a Low performer.
    expect(m.deploymentFrequency).toMatchObject({ value: 0, level: "not-enough-data", meetsTarget: false, nullReason: null });
    expect(m.leadTime).toMatchObject({ value: null, p90: null, level: "not-enough-data", meetsTarget: null });
    expect(m.leadTime.nullReason).toBe("No deployment succeeded in this period.");
    expect(m.successRate.nullReason).toBe("No deployment finished in this period.");
    expect(m.changeFailureRate.value).toBeNull();
    expect(m.meanTimeToRollback.nullReason).toBe("Nothing was rolled back in this period.");
    expect(m.successRate.trend.every((p) => p.value === null && p.sampleSize === 0)).toBe(true);
  });

  it("an empty period has no frequency either", () => {
    const p = { from: dstWeek.from, to: dstWeek.from };
    const m = computeDeliveryMetrics(week, { period: p, timeZone: BERLIN });
    expect(m.deploymentFrequency).toMatchObject({ value: null, nullReason: "The period is empty." });
    expect(m.deploymentFrequency.trend).toEqual([]);
  });

  it("all rolled back: success 0 %, failure rate 100 %, no lead time", () => {
    const all = [1, 2, 3].map((d) =>
      dep({
        outcome: "ROLLED_BACK",
        finishedAt: at(`2024-03-2${d}T10:05:00Z`),
        issueDetectedAt: at(`2024-03-2${d}T10:0${d}:00Z`),
      }),
    );
    const p = periodFromLocalDates("2024-03-18", "2024-03-24", BERLIN);
    const m = computeDeliveryMetrics(all, { period: p, timeZone: BERLIN });
    expect(m.successRate.value).toBe(0);
    expect(m.changeFailureRate.value).toBe(1);
    expect(m.deploymentFrequency.value).toBe(0);
    expect(m.meanTimeToRollback.value).toBe(((4 + 3 + 2) * 60) / 3);
    expect(m.leadTime.nullReason).toBe("No deployment succeeded in this period.");
  });

  it("lead time is null with its reason when no success reported a commit, and skips impossible commit times", () => {
    const ds = [
      dep({ outcome: "SUCCEEDED", finishedAt: at("2024-03-26T10:00:00Z") }),
      dep({ outcome: "SUCCEEDED", finishedAt: at("2024-03-26T11:00:00Z"), commitTime: at("2024-03-26T12:00:00Z") }),
    ];
    const m = computeDeliveryMetrics(ds, { period: dstWeek, timeZone: BERLIN });
    expect(m.leadTime.nullReason).toBe("No successful deployment in this period reported a commit time.");
  });

  it("a rollback without a detection time is counted as a failure but not timed", () => {
    const ds = [dep({ outcome: "ROLLED_BACK", finishedAt: at("2024-03-26T10:00:00Z") })];
    const m = computeDeliveryMetrics(ds, { period: dstWeek, timeZone: BERLIN });
    expect(m.changeFailureRate.value).toBe(1);
    expect(m.meanTimeToRollback.nullReason).toBe("No rolled-back deployment in this period recorded when the issue was detected.");
  });

  it("rolledBackAt, when given, ends the rollback instead of finishedAt", () => {
    const ds = [
      dep({
        outcome: "ROLLED_BACK",
        finishedAt: at("2024-03-26T10:30:00Z"),
        issueDetectedAt: at("2024-03-26T10:00:00Z"),
        rolledBackAt: at("2024-03-26T10:08:00Z"),
      }),
    ];
    expect(computeDeliveryMetrics(ds, { period: dstWeek, timeZone: BERLIN }).meanTimeToRollback.value).toBe(480);
  });

  it("a hotfix CR linked to an old deployment counts in the period that deployment finished, not now", () => {
    const old = dep({ outcome: "SUCCEEDED", finishedAt: at("2024-01-10T10:00:00Z"), hasHotfix: true });
    const recent = dep({ outcome: "SUCCEEDED", finishedAt: at("2024-03-26T10:00:00Z") });
    const january = periodFromLocalDates("2024-01-01", "2024-01-31", BERLIN);
    expect(computeDeliveryMetrics([old, recent], { period: january, timeZone: BERLIN }).changeFailureRate.value).toBe(1);
    expect(computeDeliveryMetrics([old, recent], { period: dstWeek, timeZone: BERLIN }).changeFailureRate.value).toBe(0);
  });

  it("defaults to weekly trends beyond 31 days", () => {
    const quarter = periodFromLocalDates("2024-01-01", "2024-03-31", BERLIN);
    const m = computeDeliveryMetrics([], { period: quarter, timeZone: BERLIN });
    expect(m.granularity).toBe("week");
    expect(m.deploymentFrequency.trend).toHaveLength(13);
  });
});

describe("properties on random deployments", () => {
  const from = Date.UTC(2024, 9, 1);
  const span = 60 * 86_400_000;
  const record = fc
    .record({
      finished: fc.integer({ min: from - 86_400_000 * 5, max: from + span + 86_400_000 * 5 }),
      outcome: fc.constantFrom("SUCCEEDED", "FAILED", "ROLLED_BACK", null),
      kind: fc.constantFrom("DEPLOY", "DEPLOY", "DEPLOY", "ROLLBACK"),
      hasHotfix: fc.boolean(),
      lead: fc.option(fc.integer({ min: -3600_000, max: 10 * 86_400_000 })),
      detect: fc.option(fc.integer({ min: 0, max: 3 * 3600_000 })),
    })
    .map((r) =>
      dep({
        outcome: r.outcome as DeploymentRecord["outcome"],
        kind: r.kind as DeploymentRecord["kind"],
        finishedAt: r.outcome === null ? null : new Date(r.finished),
        commitTime: r.lead === null ? null : new Date(r.finished - r.lead),
        issueDetectedAt: r.detect === null ? null : new Date(r.finished - r.detect),
        hasHotfix: r.hasHotfix,
      }),
    );
  const zone = fc.constantFrom("UTC", BERLIN, "America/New_York");
  const period = { from: new Date(from), to: new Date(from + span) };

  it("rates stay in 0..1; success share and failure rate are bounded by the outcomes", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 80 }), zone, (ds, tz) => {
        const m = computeDeliveryMetrics(ds, { period, timeZone: tz });
        const { finished, succeeded, rolledBack } = m.totals;
        if (finished === 0) return m.successRate.value === null && m.changeFailureRate.value === null;
        const s = m.successRate.value!;
        const c = m.changeFailureRate.value!;
        const hotfixedSuccesses = ds.filter((d) => d.hasHotfix && d.outcome === "SUCCEEDED" && d.kind === "DEPLOY" && d.finishedAt! >= period.from && d.finishedAt! < period.to).length;
        expect(s).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
        expect(s).toBeCloseTo(succeeded / finished, 12);
        expect(c).toBeGreaterThanOrEqual(rolledBack / finished - 1e-12);
        expect(s + c).toBeLessThanOrEqual(1 + hotfixedSuccesses / finished + 1e-12);
        if (m.leadTime.value !== null) expect(m.leadTime.p90!).toBeGreaterThanOrEqual(m.leadTime.value);
        return true;
      }),
    );
  });

  it("trend buckets add up to the totals, and daily counts agree with them", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 80 }), zone, fc.constantFrom("day", "week") as fc.Arbitrary<"day" | "week">, (ds, tz, g) => {
        const m = computeDeliveryMetrics(ds, { period, timeZone: tz, granularity: g });
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(sum(m.deploymentFrequency.trend.map((p) => p.value ?? 0))).toBe(m.totals.succeeded);
        expect(sum(m.successRate.trend.map((p) => p.sampleSize))).toBe(m.totals.finished);
        expect(sum(m.leadTime.trend.map((p) => p.sampleSize))).toBe(m.leadTime.sampleSize);
        const daily = dailyOutcomeCounts(ds, period, tz);
        expect(sum(daily.map((d) => d.success))).toBe(m.totals.succeeded);
        expect(sum(daily.map((d) => d.failed + d.rolledBack))).toBe(m.totals.failed + m.totals.rolledBack);
        return true;
      }),
    );
  });

  it("order of the input does not matter", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (ds) => {
        const a = computeDeliveryMetrics(ds, { period, timeZone: BERLIN });
        const b = computeDeliveryMetrics([...ds].reverse(), { period, timeZone: BERLIN });
        expect(b.leadTime.value).toBe(a.leadTime.value);
        expect(b.meanTimeToRollback.value).toBeCloseTo(a.meanTimeToRollback.value ?? 0, 9);
        expect(b.totals).toEqual(a.totals);
        return true;
      }),
    );
  });
});
