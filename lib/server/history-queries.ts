import "server-only";
// Read models for the deployment history page, the deployment timeline page and their filters.
import type { Actor } from "@/lib/auth/permissions";
import { db, readDb } from "@/lib/db";
import { parseHistoryFilters, type HistoryFilters } from "@/lib/domain/history-filters";
import { searchParamsToRecord, type SearchParamsLike } from "@/lib/domain/url-params";
import { AppError } from "@/lib/errors";
import { resolveDirectoryIds } from "./filter-options";
import type { DirectoryLabels } from "@/lib/schemas/filter-options";
import { assertCan } from "./guard";
import { localToday, orgTimeZone } from "./org-time-zone";
import { COUNT_CAP, countHistoryRows, selectHistoryRows } from "./history-sql";

/** The local date of the first deployment ever recorded (an index lookup), for the date-range rules. */
export async function firstDeploymentDate(zone: string): Promise<string | undefined> {
  const r = await readDb.selectFrom("Deployment").select((eb) => eb.fn.min("startedAt").as("first")).executeTakeFirst();
  return r?.first ? localToday(zone, r.first) : undefined;
}

export type HistoryFilterResult =
  | { ok: true; filters: HistoryFilters; zone: string; labels: DirectoryLabels }
  | { ok: false; errors: Record<string, string>; zone: string; labels: DirectoryLabels };

/**
 * The URL's filters, checked: well-formed (history-filters.ts), within the recorded data, and naming
 * a team, service and requester that exist — an unknown id gets a message at its field rather than
 * an empty table. The names found are returned too: the form shows them without loading every option.
 */
export async function resolveHistoryFilters(params: SearchParamsLike, now = new Date()): Promise<HistoryFilterResult> {
  const raw = searchParamsToRecord(params);
  const [zone, { labels, unknown }] = await Promise.all([
    orgTimeZone(),
    resolveDirectoryIds({ service: raw.service, team: raw.team, requester: raw.requester }),
  ]);
  const parsed = parseHistoryFilters(params, { today: localToday(zone, now), dataBegins: await firstDeploymentDate(zone) });
  // A field's own format error comes first; an id that names nothing is the next thing to say.
  const errors: Record<string, string> = { ...unknown, ...(parsed.ok ? {} : parsed.errors) };
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors, zone, labels };
  return { ok: true, filters: parsed.value, zone, labels };
}

export async function listHistory(actor: Actor, f: HistoryFilters, zone: string) {
  assertCan(actor, "history:view", "Your roles do not allow viewing deployment history.");
  const [rows, total] = await Promise.all([
    selectHistoryRows(f, zone, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize }),
    cappedCount(f, zone),
  ]);
  const capped = total > COUNT_CAP;
  // Past the cap the exact page count is unknown: offer the next page while this one is full.
  const pageCount = capped ? Math.max(Math.ceil(COUNT_CAP / f.pageSize), f.page + (rows.length === f.pageSize ? 1 : 0)) : Math.max(1, Math.ceil(total / f.pageSize));
  return { rows, total: Math.min(total, COUNT_CAP), capped, pageCount };
}

// "More than 10,000 match" stays true as deployments are added (none are deleted), so a capped count
// is remembered for a minute per filter set: the unfiltered first page, the most viewed, then counts
// nothing. Exact counts below the cap are always taken fresh.
const CAPPED_TTL_MS = 60_000;
const cappedSeen = new Map<string, number>();

async function cappedCount(f: HistoryFilters, zone: string, now = Date.now()): Promise<number> {
  const key = JSON.stringify([zone, f.service, f.team, f.outcome, f.strategy, f.risk, f.requester, f.rows, f.from, f.to]);
  const seen = cappedSeen.get(key);
  if (seen !== undefined && now - seen < CAPPED_TTL_MS) return COUNT_CAP + 1;
  const n = await countHistoryRows(f, zone);
  if (n > COUNT_CAP) {
    if (cappedSeen.size >= 500) cappedSeen.clear();
    cappedSeen.set(key, now);
  }
  return n;
}

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
      flag: { select: { id: true, name: true } },
    },
  });
  if (!d) throw new AppError("NOT_FOUND", "There is no deployment with this id.");
  const requester = d.requesterId ? await db.user.findUnique({ where: { id: d.requesterId }, select: { name: true } }) : null;
  return { deployment: d, requesterName: requester?.name ?? d.cr?.requester.name ?? null, zone: await orgTimeZone() };
}
export type DeploymentDetail = Awaited<ReturnType<typeof getDeploymentDetail>>;
