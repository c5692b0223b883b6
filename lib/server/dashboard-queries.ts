import "server-only";
// Read model for the metrics dashboard: the URL's period and scope, checked, and the metrics for it.
import type { Actor } from "@/lib/auth/permissions";
import { dashboardPeriod, parseDashboardFilters, type DashboardFilters } from "@/lib/domain/history-filters";
import type { Period } from "@/lib/domain/time-buckets";
import type { SearchParamsLike } from "@/lib/domain/url-params";
import { deliveryMetricsSql } from "./delivery-metrics-sql";
import { directoryNames, type DirectoryNames } from "./filter-options";
import { firstDeploymentDate } from "./history-queries";
import { assertCan } from "./guard";
import { localToday, orgTimeZone } from "./org-time-zone";

export type DashboardRequest =
  | { ok: true; filters: DashboardFilters; period: Period; zone: string; scopeLabel: string; names: DirectoryNames }
  | { ok: false; errors: Record<string, string>; zone: string };

export async function resolveDashboardFilters(params: SearchParamsLike, now = new Date()): Promise<DashboardRequest> {
  const zone = await orgTimeZone();
  const parsed = parseDashboardFilters(params, { today: localToday(zone, now), dataBegins: await firstDeploymentDate(zone) });
  if (!parsed.ok) return { ok: false, errors: parsed.errors, zone };
  const f = parsed.value;
  const names = await directoryNames({ service: f.service, team: f.team });
  const ok = (scopeLabel: string): DashboardRequest => ({ ok: true, filters: f, period: dashboardPeriod(f, zone), zone, scopeLabel, names });
  if (f.service) return names.service ? ok(`service ${names.service}`) : { ok: false, errors: { service: `There is no service with id "${f.service}". Choose one from the list.` }, zone };
  if (f.team) return names.team ? ok(`team ${names.team}`) : { ok: false, errors: { team: `There is no team with id "${f.team}". Choose one from the list.` }, zone };
  return ok("the whole organisation");
}

// A year of deployments takes PostgreSQL a few hundred milliseconds to aggregate; managers opening
// the same view within CACHE_MS share one result (the page says how fresh it is).
const CACHE_MS = 30_000;
const CACHE_MAX = 200;
type Result = Awaited<ReturnType<typeof deliveryMetricsSql>> & { computedAt: Date };
const cache = new Map<string, Promise<Result>>();
const cachedAt = new Map<string, number>();

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
