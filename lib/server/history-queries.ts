import "server-only";
// Read models for the deployment history page, the deployment timeline page and their filters.
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { parseHistoryFilters, type HistoryFilters } from "@/lib/domain/history-filters";
import type { SearchParamsLike } from "@/lib/domain/url-params";
import { AppError } from "@/lib/errors";
import { assertCan } from "./guard";
import { localToday, orgTimeZone } from "./org-time-zone";
import { COUNT_CAP, countHistoryRows, selectHistoryRows } from "./history-sql";

export type HistoryFilterResult =
  | { ok: true; filters: HistoryFilters; zone: string }
  | { ok: false; errors: Record<string, string>; zone: string };

/**
 * The URL's filters, checked: well-formed (history-filters.ts) and naming a team, service and
 * requester that exist — an unknown id gets a message at its field rather than an empty table.
 */
export async function resolveHistoryFilters(params: SearchParamsLike, now = new Date()): Promise<HistoryFilterResult> {
  const zone = await orgTimeZone();
  const parsed = parseHistoryFilters(params, { today: localToday(zone, now) });
  if (!parsed.ok) return { ok: false, errors: parsed.errors, zone };
  const f = parsed.value;
  const [service, team, requester] = await Promise.all([
    f.service ? db.service.findUnique({ where: { id: f.service }, select: { id: true } }) : true,
    f.team ? db.team.findUnique({ where: { id: f.team }, select: { id: true } }) : true,
    f.requester ? db.user.findUnique({ where: { id: f.requester }, select: { id: true } }) : true,
  ]);
  const errors: Record<string, string> = {};
  if (!service) errors.service = `There is no service with id "${f.service}". Choose one from the list.`;
  if (!team) errors.team = `There is no team with id "${f.team}". Choose one from the list.`;
  if (!requester) errors.requester = `There is no user with id "${f.requester}". Choose one from the list.`;
  return Object.keys(errors).length > 0 ? { ok: false, errors, zone } : { ok: true, filters: f, zone };
}

export async function listHistory(actor: Actor, f: HistoryFilters, zone: string) {
  assertCan(actor, "history:view", "Your roles do not allow viewing deployment history.");
  const [page, total] = await Promise.all([
    selectHistoryRows(f, zone, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize }),
    countHistoryRows(f, zone),
  ]);
  const capped = total > COUNT_CAP;
  // Past the cap the exact page count is unknown: offer the next page while this one is full.
  const pageCount = capped ? Math.max(Math.ceil(COUNT_CAP / f.pageSize), f.page + (page.rows.length === f.pageSize ? 1 : 0)) : Math.max(1, Math.ceil(total / f.pageSize));
  return { rows: page.rows, total: Math.min(total, COUNT_CAP), capped, pageCount };
}

/** Choices for the filter selects. */
export async function historyFilterOptions() {
  const [services, teams, requesters] = await Promise.all([
    db.service.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { services, teams, requesters };
}
export type HistoryFilterOptions = Awaited<ReturnType<typeof historyFilterOptions>>;

/** The deployment's header facts and its whole timeline (events in order). */
export async function getDeploymentDetail(actor: Actor, id: string) {
  assertCan(actor, "history:view", "Your roles do not allow viewing deployments.");
  const d = await db.deployment.findUnique({
    where: { id },
    include: {
      service: { include: { team: { select: { name: true } } } },
      cr: { select: { id: true, number: true, summary: true, risk: true, requester: { select: { name: true } } } },
      events: { orderBy: [{ at: "asc" }, { id: "asc" }], take: 2000 },
      hotfixes: { select: { id: true, number: true, state: true } },
    },
  });
  if (!d) throw new AppError("NOT_FOUND", "There is no deployment with this id.");
  const requester = d.requesterId ? await db.user.findUnique({ where: { id: d.requesterId }, select: { name: true } }) : null;
  return { deployment: d, requesterName: requester?.name ?? d.cr?.requester.name ?? null, zone: await orgTimeZone() };
}
export type DeploymentDetail = Awaited<ReturnType<typeof getDeploymentDetail>>;
