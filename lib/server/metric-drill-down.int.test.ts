// Every dashboard number opens its rows: for random deployments (around a DST change, across
// midnights, with rollback operations, running ones and hotfix links), each metric's link and each
// trend bucket's link, parsed back as the history page parses it, lists exactly as many rows as the
// dashboard counted, and the listed rows are the counted ones.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseHistoryFilters } from "@/lib/domain/history-filters";
import { bucketHref, drillDownHref } from "@/lib/domain/metric-drill-down";
import { METRIC_DRILL_DOWN } from "@/lib/domain/metric-rows";
import { METRIC_KEYS, type MetricKey } from "@/lib/domain/metric-definitions";
import { periodFromLocalDates } from "@/lib/domain/time-buckets";
import { createService, createTeam, createUser } from "@/prisma/factories";
import { deliveryMetricsSql } from "./delivery-metrics-sql";
import { countHistoryRows, selectHistoryRows } from "./history-sql";
import { scaled } from "@/test/timeouts";

const ZONE = "Europe/Berlin";
// 11 March – 7 April 2024, Berlin moves its clocks on 31 March.
const FROM = "2024-03-11";
const TO = "2024-04-07";
const BASE = Date.UTC(2024, 2, 10);
const DAY = 86_400_000;

let services: { id: string; teamId: string }[] = [];
let requesterId = "";
beforeAll(async () => {
  const team = await createTeam(db);
  requesterId = (await createUser(db)).id;
  services = [await createService(db, { teamId: team.id }), await createService(db, { teamId: team.id })].map((s) => ({ id: s.id, teamId: s.teamId }));
});

const record = fc.record({
  service: fc.integer({ min: 0, max: 1 }),
  kind: fc.constantFrom("DEPLOY", "DEPLOY", "DEPLOY", "ROLLBACK") as fc.Arbitrary<"DEPLOY" | "ROLLBACK">,
  startMs: fc.integer({ min: 0, max: 30 * DAY }),
  durationMs: fc.integer({ min: 0, max: 8 * 3600_000 }),
  running: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  outcome: fc.constantFrom("SUCCEEDED", "SUCCEEDED", "FAILED", "ROLLED_BACK") as fc.Arbitrary<"SUCCEEDED" | "FAILED" | "ROLLED_BACK">,
  commitBeforeMs: fc.option(fc.integer({ min: -3600_000, max: 3 * DAY }), { nil: null }),
  detectedBeforeMs: fc.option(fc.integer({ min: -600_000, max: 3600_000 }), { nil: null }),
  hotfix: fc.constantFrom("none", "none", "none", "open", "cancelled") as fc.Arbitrary<"none" | "open" | "cancelled">,
});

type Raw = typeof record extends fc.Arbitrary<infer T> ? T : never;

async function load(raw: Raw[]) {
  await db.changeRequest.deleteMany({ where: { hotfixForDeploymentId: { not: null } } });
  await db.deployment.deleteMany({});
  const rows = raw.map((r, i) => {
    const startedAt = new Date(BASE + r.startMs);
    const finishedAt = r.running ? null : new Date(startedAt.getTime() + r.durationMs);
    return { r, id: `dd-${i}-${Math.random().toString(36).slice(2, 8)}`, startedAt, finishedAt };
  });
  await db.deployment.createMany({
    data: rows.map(({ r, id, startedAt, finishedAt }) => ({
      id, kind: r.kind, serviceId: services[r.service]!.id, awsRegion: "us-east-1", functionName: "fn", alias: "production",
      fromVersion: "1", toVersion: "2", strategy: "AllAtOnce", plan: [], outcome: finishedAt ? r.outcome : null, startedAt, finishedAt,
      commitTime: finishedAt && r.commitBeforeMs !== null ? new Date(finishedAt.getTime() - r.commitBeforeMs) : null,
      issueDetectedAt: finishedAt && r.detectedBeforeMs !== null ? new Date(finishedAt.getTime() - r.detectedBeforeMs) : null,
    })),
  });
  const hot = rows.filter((x) => x.r.hotfix !== "none");
  await db.changeRequest.createMany({
    data: hot.map((x, i) => ({
      number: `HF-${x.id}`, year: 2099, seq: i + 1 + Math.floor(Math.random() * 1e6) * 1000,
      state: x.r.hotfix === "cancelled" ? ("CANCELLED" as const) : ("DEPLOYED" as const),
      summary: "Hotfix", type: "BUG_FIX" as const, risk: "LOW" as const, servicesAffected: "x", usersAffected: "x", downtimeRequired: false,
      rollbackPlan: "x", implementationSteps: ["x"], rollbackProcedure: "x", windowStart: x.startedAt, windowDurationMin: 15, windowTimeZone: "UTC",
      serviceId: services[x.r.service]!.id, targetVersion: "3", strategy: "AllAtOnce", requesterId, hotfixForDeploymentId: x.id,
    })),
  });
}

/** The history page's filters for a drill-down link, parsed exactly as the page parses its URL. */
function filtersOf(href: string) {
  const parsed = parseHistoryFilters(new URL(href, "http://x").searchParams, { today: "2024-12-31" });
  if (!parsed.ok) throw new Error(`${href}: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

/** How many rows the dashboard says the value's link opens (see metric-card.tsx). */
function counted(key: MetricKey, m: Awaited<ReturnType<typeof deliveryMetricsSql>>["metrics"]): number {
  if (key === "deploymentFrequency" || key === "successRate") return m.totals.succeeded;
  if (key === "changeFailureRate") return m.totals.failures;
  return m[key].sampleSize;
}

describe("drill-down from the dashboard to history", () => {
  it("each metric's and each week's link lists exactly the rows counted", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 0, maxLength: 40 }), fc.constantFrom<"day" | "week">("day", "week"), fc.boolean(), async (raw, granularity, scoped) => {
        await load(raw);
        const scope = scoped ? { service: services[0]!.id } : {};
        const { metrics: m, daily } = await deliveryMetricsSql({ period: periodFromLocalDates(FROM, TO, ZONE), timeZone: ZONE, granularity, scope: { serviceId: scope.service } });
        const period = { from: FROM, to: TO };
        for (const key of METRIC_KEYS) {
          const value = filtersOf(drillDownHref(METRIC_DRILL_DOWN[key].value, scope, FROM, TO));
          expect(await countHistoryRows(value, ZONE), `${key} value`).toBe(counted(key, m));
          const basis = filtersOf(drillDownHref(METRIC_DRILL_DOWN[key].basis, scope, FROM, TO));
          expect(await countHistoryRows(basis, ZONE), `${key} basis`).toBe(m[key].sampleSize);
          // Each trend bucket: the tooltip's sample (or the successes / failures of a rate).
          const stepDays = granularity === "week" ? 7 : 1;
          for (const [i, p] of m[key].trend.entries()) {
            const f = filtersOf(bucketHref({ rows: METRIC_DRILL_DOWN[key].value, scope, period }, m[key].trend[0]!.bucket, stepDays, i));
            const expected = m[key].unit === "ratio" ? Math.round((p.value ?? 0) * p.sampleSize) : p.sampleSize;
            expect(await countHistoryRows(f, ZONE), `${key} bucket ${p.bucket}`).toBe(expected);
          }
        }
        // The daily chart's segments: that day's deployments with that outcome.
        const failedDays = daily.filter((d) => d.failed > 0);
        for (const d of failedDays) {
          const f = filtersOf(drillDownHref({ rows: "counted", outcome: "failed" }, scope, d.date, d.date));
          expect(await countHistoryRows(f, ZONE)).toBe(d.failed);
        }
        // And the rows listed are the rows counted, not merely as many.
        const failures = await selectHistoryRows(filtersOf(drillDownHref({ rows: "failure" }, scope, FROM, TO)), ZONE, { limit: 1000 });
        expect(failures.every((r) => r.kind === "DEPLOY" && r.finishedAt !== null)).toBe(true);
      }),
      { numRuns: 15 },
    );
  }, scaled(240_000));
});
