// The SQL metrics must equal the pure reference (computeDeliveryMetrics, dailyOutcomeCounts) on the
// same rows: random deployments around DST changes and midnights, random zones, periods and scopes.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { computeDeliveryMetrics, dailyOutcomeCounts, inScope, type DeploymentRecord } from "@/lib/domain/delivery-metrics";
import { createService, createTeam, createUser } from "@/prisma/factories";
import { deliveryMetricsSql } from "./delivery-metrics-sql";
import { scaled } from "@/test/timeouts";

let services: { id: string; teamId: string }[] = [];
let requesterId = "";

beforeAll(async () => {
  const teamA = await createTeam(db);
  const teamB = await createTeam(db);
  requesterId = (await createUser(db)).id;
  services = [
    await createService(db, { teamId: teamA.id }),
    await createService(db, { teamId: teamA.id }),
    await createService(db, { teamId: teamB.id }),
  ].map((s) => ({ id: s.id, teamId: s.teamId }));
});

// Around the 2024 spring and autumn clock changes in Europe and the US.
const BASE = Date.UTC(2024, 2, 28);
const DAY = 86_400_000;
// Records spread over ~7 weeks, periods starting near them, so most runs count many deployments.
const AUTUMN = Date.UTC(2024, 9, 22);
const near = (base: number, min: number, max: number) => fc.integer({ min, max }).map((ms) => new Date(base + ms));
const instant = fc.oneof(near(BASE, -5 * DAY, 45 * DAY), near(AUTUMN, -5 * DAY, 45 * DAY));
const periodStart = fc.oneof(near(BASE, -3 * DAY, 10 * DAY), near(AUTUMN, -3 * DAY, 10 * DAY));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const record = fc
  .record({
    service: fc.integer({ min: 0, max: 2 }),
    kind: fc.constantFrom("DEPLOY", "DEPLOY", "DEPLOY", "ROLLBACK") as fc.Arbitrary<"DEPLOY" | "ROLLBACK">,
    startedAt: instant,
    durationMs: fc.integer({ min: 0, max: 6 * 3600_000 }),
    running: fc.boolean().map((b) => b && Math.random() < 0.2),
    outcome: fc.constantFrom("SUCCEEDED", "SUCCEEDED", "FAILED", "ROLLED_BACK") as fc.Arbitrary<"SUCCEEDED" | "FAILED" | "ROLLED_BACK">,
    commitBeforeMs: maybe(fc.integer({ min: -3600_000, max: 5 * 86_400_000 })),
    detectedBeforeMs: maybe(fc.integer({ min: -600_000, max: 3 * 3600_000 })),
    hotfix: fc.constantFrom("none", "none", "open", "cancelled") as fc.Arbitrary<"none" | "open" | "cancelled">,
    // A manual rollback reverting a rolled-back deployment: it completes this long after the
    // deployment finished (which it leaves as it was); a failed one ends nothing.
    manualRollback: maybe(fc.record({ afterMs: fc.integer({ min: 0, max: 2 * DAY }), ok: fc.boolean() })),
  });
type Raw = typeof record extends fc.Arbitrary<infer T> ? T : never;

function toRows(raw: readonly Raw[]) {
  return raw.map((r, i) => {
    const svc = services[r.service]!;
    const finishedAt = r.running ? null : new Date(r.startedAt.getTime() + r.durationMs);
    const rec: DeploymentRecord & { hotfix: Raw["hotfix"]; manualRollback: { finishedAt: Date; ok: boolean } | null } = {
      id: `dep-${i}-${Math.random().toString(36).slice(2, 8)}`,
      serviceId: svc.id,
      teamId: svc.teamId,
      kind: r.kind,
      startedAt: r.startedAt,
      finishedAt,
      outcome: finishedAt ? r.outcome : null,
      commitTime: r.commitBeforeMs === null || !finishedAt ? null : new Date(finishedAt.getTime() - r.commitBeforeMs),
      issueDetectedAt: r.detectedBeforeMs === null || !finishedAt ? null : new Date(finishedAt.getTime() - r.detectedBeforeMs),
      hasHotfix: r.hotfix === "open",
      hotfix: r.hotfix,
      manualRollback: null,
    };
    if (r.manualRollback && finishedAt && r.kind === "DEPLOY" && r.outcome === "ROLLED_BACK") {
      rec.manualRollback = { finishedAt: new Date(finishedAt.getTime() + r.manualRollback.afterMs), ok: r.manualRollback.ok };
      if (r.manualRollback.ok) rec.rolledBackAt = rec.manualRollback.finishedAt;
    }
    return rec;
  });
}


async function load(recs: ReturnType<typeof toRows>) {
  await db.changeRequest.deleteMany({ where: { hotfixForDeploymentId: { not: null } } });
  await db.deployment.deleteMany({ where: { revertsDeploymentId: { not: null } } });
  await db.deployment.deleteMany({});
  await db.deployment.createMany({
    data: recs.map((r) => ({
      id: r.id,
      kind: r.kind,
      serviceId: r.serviceId,
      awsRegion: "us-east-1",
      functionName: "fn",
      alias: "production",
      fromVersion: "1",
      toVersion: "2",
      strategy: "AllAtOnce",
      plan: [],
      outcome: r.outcome,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      commitTime: r.commitTime ?? null,
      issueDetectedAt: r.issueDetectedAt ?? null,
    })),
  });
  const reverted = recs.flatMap((r) => (r.manualRollback ? [{ ...r, manualRollback: r.manualRollback }] : []));
  await db.deployment.createMany({
    data: reverted.map((r) => ({
      kind: "ROLLBACK" as const,
      revertsDeploymentId: r.id,
      serviceId: r.serviceId,
      awsRegion: "us-east-1",
      functionName: "fn",
      alias: "production",
      fromVersion: "2",
      toVersion: "1",
      strategy: "MANUAL_ROLLBACK",
      plan: [],
      outcome: r.manualRollback.ok ? ("SUCCEEDED" as const) : ("FAILED" as const),
      startedAt: new Date(r.manualRollback.finishedAt.getTime() - 60_000),
      finishedAt: r.manualRollback.finishedAt,
      issueDetectedAt: r.issueDetectedAt ?? null,
    })),
  });
  const hotfixes = recs.filter((r) => r.hotfix !== "none");
  await db.changeRequest.createMany({
    data: hotfixes.map((r, i) => ({
      number: `HF-${r.id}`,
      year: 2099,
      seq: i + 1 + Math.floor(Math.random() * 1e6) * 1000,
      state: r.hotfix === "cancelled" ? ("CANCELLED" as const) : ("DEPLOYED" as const),
      summary: "Hotfix",
      type: "BUG_FIX" as const,
      risk: "LOW" as const,
      servicesAffected: "x",
      usersAffected: "x",
      downtimeRequired: false,
      rollbackPlan: "x",
      implementationSteps: ["x"],
      rollbackProcedure: "x",
      windowStart: r.startedAt,
      windowDurationMin: 15,
      windowTimeZone: "UTC",
      serviceId: r.serviceId,
      targetVersion: "3",
      strategy: "AllAtOnce",
      requesterId,
      hotfixForDeploymentId: r.id,
    })),
  });
}

// Values equal up to float summation order (AVG in SQL vs a JS loop); everything else exact.
function close(a: unknown, b: unknown): void {
  if (typeof a === "number" && typeof b === "number") {
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length).toBe(b.length);
    a.forEach((x, i) => close(x, b[i]));
    return;
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !(a instanceof Date)) {
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
    return;
  }
  expect(a).toEqual(b);
}

describe("delivery metrics in SQL", () => {
  it("equal the pure reference on random datasets, zones, periods and scopes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 0, maxLength: 80, size: "max" }),
        fc.constantFrom("Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata", "Australia/Lord_Howe"),
        periodStart,
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.constantFrom("day", "week", undefined) as fc.Arbitrary<"day" | "week" | undefined>,
        fc.constantFrom(-1, -1, 0, 2, 3),
        async (raw, timeZone, from, lengthMs, granularity, scopePick) => {
          const recs = toRows(raw);
          await load(recs);
          const period = { from, to: new Date(from.getTime() + lengthMs) };
          const scope =
            scopePick === -1 ? {} : scopePick === 3 ? { teamId: services[0]!.teamId } : { serviceId: services[scopePick]!.id };
          const scoped = inScope(recs, scope);
          const expected = computeDeliveryMetrics(scoped, { period, timeZone, granularity });
          const actual = await deliveryMetricsSql({ period, timeZone, granularity, scope });
          close(actual.metrics, expected);
          close(actual.daily, dailyOutcomeCounts(scoped, period, timeZone));
        },
      ),
      { numRuns: 40 },
    );
    // 40 random datasets, each written and read back through SQL: minutes on a loaded machine.
  }, scaled(240_000));

  it("an empty database gives null metrics with reasons and an all-zero daily chart", async () => {
    await load([]);
    const period = { from: new Date(Date.UTC(2024, 0, 1)), to: new Date(Date.UTC(2024, 0, 8)) };
    const { metrics, daily } = await deliveryMetricsSql({ period, timeZone: "Europe/Berlin" });
    expect(metrics.successRate.value).toBeNull();
    expect(metrics.successRate.nullReason).toBe("No deployment finished in this period.");
    expect(metrics.deploymentFrequency.value).toBe(0);
    expect(daily.every((d) => d.success + d.failed + d.rolledBack === 0)).toBe(true);
  });
});
