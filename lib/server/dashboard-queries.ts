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
import { assertCan } from "./guard";
import { localToday, orgTimeZone } from "./org-time-zone";

export type DashboardRequest =
  | { ok: true; filters: DashboardFilters; period: Period; zone: string; scopeLabel: string; labels: DirectoryLabels }
  | { ok: false; errors: Record<string, string>; zone: string; labels: DirectoryLabels };

export async function resolveDashboardFilters(params: SearchParamsLike, now = new Date()): Promise<DashboardRequest> {
  const raw = searchParamsToRecord(params);
  const [zone, { labels, unknown }] = await Promise.all([orgTimeZone(), resolveDirectoryIds({ service: raw.service, team: raw.team })]);
  const parsed = parseDashboardFilters(params, { today: localToday(zone, now), dataBegins: await firstDeploymentDate(zone) });
  const errors: Record<string, string> = { ...unknown, ...(parsed.ok ? {} : parsed.errors) };
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors, zone, labels };
  const f = parsed.value;
  const scopeLabel = labels.service ? `service ${labels.service}` : labels.team ? `team ${labels.team}` : "the whole organisation";
  return { ok: true, filters: f, period: dashboardPeriod(f, zone), zone, scopeLabel, labels };
}

// A year of deployments takes PostgreSQL a few hundred milliseconds to aggregate; managers opening
// the same view within CACHE_MS share one result (the page says how fresh it is).
const CACHE_MS = 30_000;
const CACHE_MAX = 200;
type Result = Awaited<ReturnType<typeof deliveryMetricsSql>> & { computedAt: Date };
// On globalThis: the bundler may load this module once per route (the metrics page, the CR form's
// server action), and forgetDashboards must clear the same cache the page reads.
const shared = globalThis as unknown as { changegateDashboards?: { cache: Map<string, Promise<Result>>; cachedAt: Map<string, number> } };
const { cache, cachedAt } = (shared.changegateDashboards ??= { cache: new Map(), cachedAt: new Map() });

/**
 * Drops the shared results: a manager who links a hotfix expects the change failure rate to move at
 * once, not after CACHE_MS. Called where a CR's hotfix link is written (hotfix-link.ts), in the
 * writing transaction: a view in the instant before it commits may still cache the old number.
 */
export function forgetDashboards(): void {
  cache.clear();
  cachedAt.clear();
}

export async function loadDashboard(actor: Actor, req: Extract<DashboardRequest, { ok: true }>, now = Date.now()): Promise<Result> {
  assertCan(actor, "history:view", "Your roles do not allow viewing delivery metrics.");
  const key = JSON.stringify([req.period.from, req.period.to, req.zone, req.filters.granularity, req.filters.service, req.filters.team]);
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
