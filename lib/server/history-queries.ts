import "server-only";
// Read models for the deployment history page, the deployment timeline page and their filters.
import type { Actor } from "@/lib/auth/permissions";
import { Prisma } from "@/generated/prisma/client";
import { db, readSql } from "@/lib/db";
import { parseHistoryFilters, type HistoryFilters } from "@/lib/domain/history-filters";
import type { SearchParamsLike } from "@/lib/domain/url-params";
import { AppError } from "@/lib/errors";
import { assertCan } from "./guard";
import { localToday, orgTimeZone } from "./org-time-zone";
import { COUNT_CAP, countHistoryRows, selectHistoryRows } from "./history-sql";

export type HistoryFilterResult =
  | { ok: true; filters: HistoryFilters; zone: string }
  | { ok: false; errors: Record<string, string>; zone: string };

/** The local date of the first deployment ever recorded (an index lookup), for the date-range rules. */
export async function firstDeploymentDate(zone: string): Promise<string | undefined> {
  const [r] = await readSql<{ first: Date | null }[]>`SELECT min("startedAt") AS first FROM "Deployment"`;
  return r?.first ? localToday(zone, r.first) : undefined;
}

/** Which of the ids exist, in one round trip (plain SQL: this runs on every history and dashboard view). */
export async function existingIds(ids: { service?: string; team?: string; requester?: string }) {
  const [r] = await readSql<{ service: boolean; team: boolean; requester: boolean }[]>`SELECT
    (${ids.service ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM "Service" WHERE id = ${ids.service ?? null}::text)) AS service,
    (${ids.team ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM "Team" WHERE id = ${ids.team ?? null}::text)) AS team,
    (${ids.requester ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM "User" WHERE id = ${ids.requester ?? null}::text)) AS requester`;
  return r ?? { service: false, team: false, requester: false };
}

/**
 * The URL's filters, checked: well-formed (history-filters.ts), within the recorded data, and naming
 * a team, service and requester that exist — an unknown id gets a message at its field rather than
 * an empty table.
 */
export async function resolveHistoryFilters(params: SearchParamsLike, now = new Date()): Promise<HistoryFilterResult> {
  const zone = await orgTimeZone();
  const parsed = parseHistoryFilters(params, { today: localToday(zone, now), dataBegins: await firstDeploymentDate(zone) });
  if (!parsed.ok) return { ok: false, errors: parsed.errors, zone };
  const f = parsed.value;
  const found = f.service || f.team || f.requester ? await existingIds(f) : { service: true, team: true, requester: true };
  const errors: Record<string, string> = {};
  if (!found.service) errors.service = `There is no service with id "${f.service}". Choose one from the list.`;
  if (!found.team) errors.team = `There is no team with id "${f.team}". Choose one from the list.`;
  if (!found.requester) errors.requester = `There is no user with id "${f.requester}". Choose one from the list.`;
  return Object.keys(errors).length > 0 ? { ok: false, errors, zone } : { ok: true, filters: f, zone };
}

export async function listHistory(actor: Actor, f: HistoryFilters, zone: string) {
  assertCan(actor, "history:view", "Your roles do not allow viewing deployment history.");
  const [page, total] = await Promise.all([
    selectHistoryRows(f, zone, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize }),
    cappedCount(f, zone),
  ]);
  const capped = total > COUNT_CAP;
  // Past the cap the exact page count is unknown: offer the next page while this one is full.
  const pageCount = capped ? Math.max(Math.ceil(COUNT_CAP / f.pageSize), f.page + (page.rows.length === f.pageSize ? 1 : 0)) : Math.max(1, Math.ceil(total / f.pageSize));
  return { rows: page.rows, total: Math.min(total, COUNT_CAP), capped, pageCount };
}

// "More than 10,000 match" stays true as deployments are added (none are deleted), so a capped count
// is remembered for a minute per filter set: the unfiltered first page, the most viewed, then counts
// nothing. Exact counts below the cap are always taken fresh.
const CAPPED_TTL_MS = 60_000;
const cappedSeen = new Map<string, number>();

async function cappedCount(f: HistoryFilters, zone: string, now = Date.now()): Promise<number> {
  const key = JSON.stringify([zone, f.service, f.team, f.outcome, f.strategy, f.risk, f.requester, f.from, f.to]);
  const seen = cappedSeen.get(key);
  if (seen !== undefined && now - seen < CAPPED_TTL_MS) return COUNT_CAP + 1;
  const n = await countHistoryRows(f, zone);
  if (n > COUNT_CAP) {
    if (cappedSeen.size >= 500) cappedSeen.clear();
    cappedSeen.set(key, now);
  }
  return n;
}

type Option = { id: string; name: string };

/** Choices for the filter selects, in one plain-SQL round trip (the dashboard needs no requesters). */
export async function historyFilterOptions(opts: { requesters?: boolean } = {}) {
  const rows = await readSql<(Option & { k: number })[]>`
    SELECT 0 AS k, id, name FROM "Service" UNION ALL SELECT 1, id, name FROM "Team"
    ${opts.requesters === false ? Prisma.empty : Prisma.sql`UNION ALL SELECT 2, id, name FROM "User"`}
    ORDER BY k, name`;
  const of = (k: number): Option[] => rows.filter((r) => r.k === k).map(({ id, name }) => ({ id, name }));
  return { services: of(0), teams: of(1), requesters: of(2) };
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
