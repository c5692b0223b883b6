// The CSV recomputes the dashboard: for random datasets (around DST changes, across midnights, with
// rollback operations, running deployments, manual rollbacks completing later, hotfix CRs live,
// cancelled or rejected, commit times missing or later than the finish), the five metrics computed
// from the exported file's columns alone, as the definitions on /metrics describe, equal the
// dashboard's for the same period and scope. The recomputation below is written from the column
// descriptions, not from the dashboard's code.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { parseCsv } from "@/lib/domain/csv";
import { parseHistoryFilters } from "@/lib/domain/history-filters";
import { HISTORY_CSV_HEADER } from "@/lib/domain/history-row";
import { periodFromLocalDates } from "@/lib/domain/time-buckets";
import { createService, createTeam, createUser } from "@/prisma/factories";
import { deliveryMetricsSql } from "./delivery-metrics-sql";
import { historyCsvStream } from "./history-export";

const DAY = 86_400_000;
const manager: Actor = { id: "m", name: "Manager", email: "m@example.test", roles: ["ENG_MANAGER"] };
let services: { id: string; teamId: string }[] = [];
let requesterId = "";

beforeAll(async () => {
  const a = await createTeam(db);
  const b = await createTeam(db);
  requesterId = (await createUser(db)).id;
  services = [
    await createService(db, { teamId: a.id }),
    await createService(db, { teamId: a.id }),
    await createService(db, { teamId: b.id }),
  ].map((s) => ({ id: s.id, teamId: s.teamId }));
});

// Berlin and New York change clocks around these dates in 2024.
const BASES = [Date.UTC(2024, 2, 8), Date.UTC(2024, 9, 25)];
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const record = fc.record({
  service: fc.integer({ min: 0, max: 2 }),
  kind: fc.constantFrom("DEPLOY", "DEPLOY", "DEPLOY", "ROLLBACK") as fc.Arbitrary<"DEPLOY" | "ROLLBACK">,
  startMs: fc.integer({ min: -2 * DAY, max: 30 * DAY }),
  durationMs: fc.integer({ min: 0, max: 8 * 3600_000 }),
  running: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  outcome: fc.constantFrom("SUCCEEDED", "SUCCEEDED", "FAILED", "ROLLED_BACK") as fc.Arbitrary<"SUCCEEDED" | "FAILED" | "ROLLED_BACK">,
  commitBeforeMs: maybe(fc.integer({ min: -3600_000, max: 3 * DAY })),
  detectedBeforeMs: maybe(fc.integer({ min: -600_000, max: 3600_000 })),
  hotfix: fc.constantFrom("none", "none", "none", "open", "cancelled", "rejected") as fc.Arbitrary<"none" | "open" | "cancelled" | "rejected">,
  manualRollback: maybe(fc.record({ afterMs: fc.integer({ min: 0, max: 2 * DAY }), ok: fc.boolean() })),
});
type Raw = typeof record extends fc.Arbitrary<infer T> ? T : never;

const HOTFIX_STATE = { open: "APPROVED", cancelled: "CANCELLED", rejected: "REJECTED" } as const;

async function load(base: number, raw: Raw[]) {
  await db.changeRequest.deleteMany({ where: { hotfixForDeploymentId: { not: null } } });
  await db.deployment.deleteMany({ where: { revertsDeploymentId: { not: null } } });
  await db.deployment.deleteMany({});
  const rows = raw.map((r, i) => {
    const startedAt = new Date(base + r.startMs);
    const finishedAt = r.running ? null : new Date(startedAt.getTime() + r.durationMs);
    return { r, id: `cv-${i}-${Math.random().toString(36).slice(2, 8)}`, startedAt, finishedAt, serviceId: services[r.service]!.id };
  });
  await db.deployment.createMany({
    data: rows.map(({ r, id, startedAt, finishedAt, serviceId }) => ({
      id, kind: r.kind, serviceId, awsRegion: "us-east-1", functionName: "fn", alias: "production", fromVersion: "1", toVersion: "2",
      strategy: "AllAtOnce", plan: [], outcome: finishedAt ? r.outcome : null, startedAt, finishedAt,
      commitSha: r.commitBeforeMs === null ? null : `sha${id}`,
      commitTime: finishedAt && r.commitBeforeMs !== null ? new Date(finishedAt.getTime() - r.commitBeforeMs) : null,
      issueDetectedAt: finishedAt && r.detectedBeforeMs !== null ? new Date(finishedAt.getTime() - r.detectedBeforeMs) : null,
    })),
  });
  // Manual rollbacks reverting rolled-back deployments, completing after the deployment finished.
  const reverted = rows.filter((x) => x.r.manualRollback && x.finishedAt && x.r.kind === "DEPLOY" && x.r.outcome === "ROLLED_BACK");
  await db.deployment.createMany({
    data: reverted.map((x) => {
      const done = new Date(x.finishedAt!.getTime() + x.r.manualRollback!.afterMs);
      return {
        kind: "ROLLBACK" as const, revertsDeploymentId: x.id, serviceId: x.serviceId, awsRegion: "us-east-1", functionName: "fn",
        alias: "production", fromVersion: "2", toVersion: "1", strategy: "MANUAL_ROLLBACK", plan: [],
        outcome: x.r.manualRollback!.ok ? ("SUCCEEDED" as const) : ("FAILED" as const), startedAt: new Date(done.getTime() - 60_000), finishedAt: done,
      };
    }),
  });
  const hot = rows.filter((x) => x.r.hotfix !== "none");
  await db.changeRequest.createMany({
    data: hot.map((x, i) => ({
      number: `HF-${x.id}`, year: 2099, seq: i + 1 + Math.floor(Math.random() * 1e6) * 1000,
      state: HOTFIX_STATE[x.r.hotfix as keyof typeof HOTFIX_STATE], summary: "Hotfix", type: "BUG_FIX" as const, risk: "LOW" as const,
      servicesAffected: "x", usersAffected: "x", downtimeRequired: false, rollbackPlan: "x", implementationSteps: ["x"], rollbackProcedure: "x",
      windowStart: x.startedAt, windowDurationMin: 15, windowTimeZone: "UTC", serviceId: x.serviceId, targetVersion: "3", strategy: "AllAtOnce",
      requesterId, hotfixForDeploymentId: x.id,
    })),
  });
}

// ---- The recomputation, from the columns only ----

type Csv = Record<(typeof HISTORY_CSV_HEADER)[number], string>;

function readCsv(text: string): Csv[] {
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ""));
  expect(header).toEqual([...HISTORY_CSV_HEADER]);
  return records.map((rec) => Object.fromEntries(header!.map((h, i) => [h, rec[i] ?? ""])) as Csv);
}

const ms = (iso: string) => Date.parse(iso);

/** percentile_cont: linear interpolation at rank (n − 1) × p of the sorted values. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = (s.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}

function recompute(rows: Csv[], calendarDays: number) {
  const counted = rows.filter((r) => r["Kind"] === "Deployment" && r["Outcome"] !== "Running");
  const succeeded = counted.filter((r) => r["Outcome"] === "Succeeded");
  const rolledBack = counted.filter((r) => r["Outcome"].startsWith("Rolled back"));
  const failures = counted.filter((r) => r["Outcome"].startsWith("Rolled back") || r["Hotfixed by"] !== "");
  const leads = succeeded
    .filter((r) => r["Commit time (UTC)"] !== "" && ms(r["Commit time (UTC)"]) <= ms(r["Finished (UTC)"]))
    .map((r) => (ms(r["Finished (UTC)"]) - ms(r["Commit time (UTC)"])) / 1000);
  const recoveries = rolledBack
    .filter((r) => r["Issue detected (UTC)"] !== "" && ms(r["Issue detected (UTC)"]) <= ms(r["Rollback completed (UTC)"]))
    .map((r) => (ms(r["Rollback completed (UTC)"]) - ms(r["Issue detected (UTC)"])) / 1000);
  return {
    deploymentFrequency: succeeded.length / (calendarDays / 7),
    leadTime: percentile(leads, 0.5),
    leadTimeP90: percentile(leads, 0.9),
    successRate: counted.length ? succeeded.length / counted.length : null,
    meanTimeToRollback: recoveries.length ? recoveries.reduce((a, b) => a + b, 0) / recoveries.length : null,
    changeFailureRate: counted.length ? failures.length / counted.length : null,
  };
}

function closeTo(actual: number | null, expected: number | null, what: string) {
  if (actual === null || expected === null) return expect(actual, what).toBe(expected);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

const localDate = (t: number) => new Date(t).toISOString().slice(0, 10);

describe("the CSV recomputes the dashboard", () => {
  it("the five metrics from the exported columns equal the dashboard's, on random datasets, zones, periods and scopes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BASES),
        fc.array(record, { maxLength: 60 }),
        fc.constantFrom("Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata"),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 27 }),
        fc.constantFrom("all", "service", "team"),
        async (base, raw, zone, startDay, lengthDays, scopeKind) => {
          await load(base, raw);
          const from = localDate(base + startDay * DAY);
          const to = localDate(base + (startDay + lengthDays) * DAY);
          const scopeQuery = scopeKind === "service" ? `&service=${services[0]!.id}` : scopeKind === "team" ? `&team=${services[0]!.teamId}` : "";
          const scope = scopeKind === "service" ? { serviceId: services[0]!.id } : scopeKind === "team" ? { teamId: services[0]!.teamId } : {};
          const parsed = parseHistoryFilters(new URLSearchParams(`from=${from}&to=${to}${scopeQuery}`), { today: "2026-01-01" });
          if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
          const csv = readCsv(await new Response(historyCsvStream(manager, parsed.value, zone)).text());
          const { metrics } = await deliveryMetricsSql({ period: periodFromLocalDates(from, to, zone), timeZone: zone, scope });
          const again = recompute(csv, lengthDays + 1);
          closeTo(metrics.deploymentFrequency.value, again.deploymentFrequency, "deployment frequency");
          closeTo(metrics.leadTime.value, again.leadTime, "lead time median");
          closeTo(metrics.leadTime.p90, again.leadTimeP90, "lead time p90");
          closeTo(metrics.successRate.value, again.successRate, "success rate");
          closeTo(metrics.meanTimeToRollback.value, again.meanTimeToRollback, "mean time to rollback");
          closeTo(metrics.changeFailureRate.value, again.changeFailureRate, "change failure rate");
        },
      ),
      { numRuns: 40 },
    );
  });

  it("names the fixed deployment and its CR in 'Hotfix of', and only live hotfix CRs in 'Hotfixed by'", async () => {
    await load(BASES[0]!, []);
    const s = services[0]!.id;
    const bad = await db.deployment.create({
      data: { serviceId: s, awsRegion: "us-east-1", functionName: "fn", alias: "production", fromVersion: "1", toVersion: "2", strategy: "AllAtOnce",
        plan: [], outcome: "SUCCEEDED", startedAt: new Date("2024-03-10T10:00:00Z"), finishedAt: new Date("2024-03-10T10:05:00Z") },
    });
    const cr = (number: string, state: "DEPLOYED" | "CANCELLED") =>
      db.changeRequest.create({
        data: { number, year: 2099, seq: Math.floor(Math.random() * 1e9), state, summary: "Hotfix", type: "BUG_FIX", risk: "LOW", servicesAffected: "x",
          usersAffected: "x", downtimeRequired: false, rollbackPlan: "x", implementationSteps: ["x"], rollbackProcedure: "x",
          windowStart: new Date("2024-03-10T12:00:00Z"), windowDurationMin: 15, windowTimeZone: "UTC", serviceId: s, targetVersion: "3",
          strategy: "AllAtOnce", requesterId, hotfixForDeploymentId: bad.id },
      });
    const fix = await cr(`HF-LIVE-${bad.id}`, "DEPLOYED");
    await cr(`HF-GONE-${bad.id}`, "CANCELLED");
    await db.deployment.create({
      data: { serviceId: s, crId: fix.id, awsRegion: "us-east-1", functionName: "fn", alias: "production", fromVersion: "2", toVersion: "3",
        strategy: "AllAtOnce", plan: [], outcome: "SUCCEEDED", startedAt: new Date("2024-03-10T13:00:00Z"), finishedAt: new Date("2024-03-10T13:05:00Z") },
    });
    const parsed = parseHistoryFilters(new URLSearchParams(`service=${s}&sort=started`), { today: "2026-01-01" });
    if (!parsed.ok) throw new Error("filters");
    const [first, second] = readCsv(await new Response(historyCsvStream(manager, parsed.value, "UTC")).text());
    expect(first!["Hotfixed by"]).toBe(`HF-LIVE-${bad.id}`);
    expect(first!["Finished (UTC)"]).toBe("2024-03-10T10:05:00.000Z");
    expect(second!["Hotfix of"]).toBe(bad.id);
    expect(second!["Change request"]).toBe(`HF-LIVE-${bad.id}`);
  });
});
