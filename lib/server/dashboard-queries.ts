import "server-only";
// Read model for the metrics dashboard: the URL's period and scope, checked, and the metrics for it.
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { dashboardPeriod, parseDashboardFilters, type DashboardFilters } from "@/lib/domain/history-filters";
import type { Period } from "@/lib/domain/time-buckets";
import type { SearchParamsLike } from "@/lib/domain/url-params";
import { deliveryMetricsSql } from "./delivery-metrics-sql";
import { assertCan } from "./guard";
import { localToday, orgTimeZone } from "./org-time-zone";

export type DashboardRequest =
  | { ok: true; filters: DashboardFilters; period: Period; zone: string; scopeLabel: string }
  | { ok: false; errors: Record<string, string>; zone: string };

export async function resolveDashboardFilters(params: SearchParamsLike, now = new Date()): Promise<DashboardRequest> {
  const zone = await orgTimeZone();
  const parsed = parseDashboardFilters(params, { today: localToday(zone, now) });
  if (!parsed.ok) return { ok: false, errors: parsed.errors, zone };
  const f = parsed.value;
  if (f.service) {
    const s = await db.service.findUnique({ where: { id: f.service }, select: { name: true } });
    if (!s) return { ok: false, errors: { service: `There is no service with id "${f.service}". Choose one from the list.` }, zone };
    return { ok: true, filters: f, period: dashboardPeriod(f, zone), zone, scopeLabel: `service ${s.name}` };
  }
  if (f.team) {
    const t = await db.team.findUnique({ where: { id: f.team }, select: { name: true } });
    if (!t) return { ok: false, errors: { team: `There is no team with id "${f.team}". Choose one from the list.` }, zone };
    return { ok: true, filters: f, period: dashboardPeriod(f, zone), zone, scopeLabel: `team ${t.name}` };
  }
  return { ok: true, filters: f, period: dashboardPeriod(f, zone), zone, scopeLabel: "the whole organisation" };
}

export async function loadDashboard(actor: Actor, req: Extract<DashboardRequest, { ok: true }>) {
  assertCan(actor, "history:view", "Your roles do not allow viewing delivery metrics.");
  return deliveryMetricsSql({
    period: req.period,
    timeZone: req.zone,
    granularity: req.filters.granularity,
    scope: { serviceId: req.filters.service, teamId: req.filters.team },
  });
}
