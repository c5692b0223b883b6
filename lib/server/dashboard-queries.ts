import "server-only";
// Read model for the metrics dashboard: the URL's period and scope, checked, and the metrics for it.
import type { Actor } from "@/lib/auth/permissions";
import { dashboardPeriod, parseDashboardFilters, type DashboardFilters } from "@/lib/domain/history-filters";
import type { Period } from "@/lib/domain/time-buckets";
import { searchParamsToRecord, type SearchParamsLike } from "@/lib/domain/url-params";
import type { DirectoryLabels } from "@/lib/schemas/filter-options";
import { deliveryMetricsSql } from "./delivery-metrics-sql";
import { resolveDirectoryIds } from "./filter-options";
import { firstDeploymentDate } from "./history-queries";
import { sql } from "kysely";
import { readDb } from "@/lib/db";
import { assertCan } from "./guard";
import { liveHotfixExpr } from "./metric-rows-sql";
import { localToday, orgTimeZone } from "./org-time-zone";

export type DashboardRequest =
  | { ok: true; filters: DashboardFilters; period: Period; zone: string; scopeLabel: string; labels: DirectoryLabels; dataBegins?: string }
  | { ok: false; errors: Record<string, string>; zone: string; labels: DirectoryLabels };

export async function resolveDashboardFilters(params: SearchParamsLike, now = new Date()): Promise<DashboardRequest> {
  const raw = searchParamsToRecord(params);
  const [zone, { labels, unknown }] = await Promise.all([orgTimeZone(), resolveDirectoryIds({ service: raw.service, team: raw.team })]);
  const dataBegins = await firstDeploymentDate(zone);
  const parsed = parseDashboardFilters(params, { today: localToday(zone, now), dataBegins });
  const errors: Record<string, string> = { ...unknown, ...(parsed.ok ? {} : parsed.errors) };
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors, zone, labels };
  const f = parsed.value;
  const scopeLabel = labels.service ? `service ${labels.service}` : labels.team ? `team ${labels.team}` : "the whole organisation";
  return { ok: true, filters: f, period: dashboardPeriod(f, zone), zone, scopeLabel, labels, dataBegins: dataBegins ?? undefined };
}

// A year of deployments takes PostgreSQL a few hundred milliseconds to aggregate; managers opening
// the same view within CACHE_MS share one result (the page says how fresh it is).
const CACHE_MS = 30_000;
const CACHE_MAX = 200;
type Result = Awaited<ReturnType<typeof deliveryMetricsSql>> & { computedAt: Date };
const cache = new Map<string, Promise<Result>>();
const cachedAt = new Map<string, number>();

/**
 * The live hotfix links, hashed: part of the cache key, so a manager who links (or cancels) a hotfix
 * sees the change failure rate move on the next view rather than after CACHE_MS, whichever server
 * process (the portal runs several) answers. One small read of the linked CRs, by the failure rule's
 * own liveHotfixExpr.
 */
async function hotfixStamp(): Promise<string> {
  const r = await readDb
    .selectFrom("ChangeRequest as h")
    .select((eb) => [
      sql<number>`count(*)::int`.as("n"),
      sql<string>`coalesce(sum(hashtext(${eb.ref("h.id")} || ${eb.ref("h.hotfixForDeploymentId")})), 0)::text`.as("h"),
    ])
    .where(liveHotfixExpr)
    .executeTakeFirst();
  return `${r?.n ?? 0}:${r?.h ?? 0}`;
}

export async function loadDashboard(actor: Actor, req: Extract<DashboardRequest, { ok: true }>, now = Date.now()): Promise<Result> {
  assertCan(actor, "history:view", "Your roles do not allow viewing delivery metrics.");
  const key = JSON.stringify([req.period.from, req.period.to, req.zone, req.filters.granularity, req.filters.service, req.filters.team, await hotfixStamp()]);
  const hit = cache.get(key);
  if (hit && now - (cachedAt.get(key) ?? 0) < CACHE_MS) return hit;
  const fresh = deliveryMetricsSql({
    period: req.period,
    timeZone: req.zone,
    granularity: req.filters.granularity,
    scope: { serviceId: req.filters.service, teamId: req.filters.team },
  }).then((r) => ({ ...r, computedAt: new Date(now) }));
  if (cache.size >= CACHE_MAX) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) (cache.delete(oldest), cachedAt.delete(oldest));
  }
  cache.set(key, fresh);
  cachedAt.set(key, now);
  fresh.catch(() => cache.delete(key));
  return fresh;
}
