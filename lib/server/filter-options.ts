import "server-only";
// The services, teams and people that filter selects choose from, and the names of the ones a URL
// names. Plain SQL: the name lookup runs on every filtered list view.
import type { Actor } from "@/lib/auth/permissions";
import { Prisma } from "@/generated/prisma/client";
import { readSql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DIRECTORY_LISTS, type DirectoryEntry, type DirectoryLabels, type DirectoryList, type FilterOptions } from "@/lib/schemas/filter-options";

const TABLE: Record<DirectoryList, Prisma.Sql> = {
  services: Prisma.sql`"Service"`,
  teams: Prisma.sql`"Team"`,
  people: Prisma.sql`"User"`,
};

/**
 * The lists, each sorted by name, in one round trip. Any signed-in user may read them: they are what
 * every list page's filters already offered.
 */
export async function listFilterOptions(actor: Actor | null, lists: readonly DirectoryList[] = DIRECTORY_LISTS): Promise<FilterOptions> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const out: FilterOptions = { services: [], teams: [], people: [] };
  if (lists.length === 0) return out;
  const parts = lists.map((l) => Prisma.sql`SELECT ${l}::text AS list, id, name FROM ${TABLE[l]}`);
  const rows = await readSql<(DirectoryEntry & { list: DirectoryList })[]>`${Prisma.join(parts, " UNION ALL ")} ORDER BY list, name, id`;
  for (const { list, id, name } of rows) out[list].push({ id, name });
  return out;
}

export type DirectoryIds = DirectoryLabels;

export interface ResolvedDirectoryIds {
  /** The names of the ids that exist. */
  labels: DirectoryLabels;
  /** A message per id that names nothing, for the field it came from. */
  unknown: Partial<Record<keyof DirectoryIds, string>>;
}

const UNKNOWN: Record<keyof DirectoryIds, (id: string) => string> = {
  service: (id) => `There is no service with id "${id}". Choose one from the list.`,
  team: (id) => `There is no team with id "${id}". Choose one from the list.`,
  requester: (id) => `There is no user with id "${id}". Choose one from the list.`,
};

/**
 * The service, team and user a URL's filters name, in one round trip (none when no id is given): their
 * names, so a filter form can show the current choice without loading every option, and a message
 * for each id that names nothing.
 */
export async function resolveDirectoryIds(ids: DirectoryIds): Promise<ResolvedDirectoryIds> {
  const out: ResolvedDirectoryIds = { labels: {}, unknown: {} };
  if (!ids.service && !ids.team && !ids.requester) return out;
  const [r] = await readSql<{ service: string | null; team: string | null; requester: string | null }[]>`SELECT
    (SELECT name FROM "Service" WHERE id = ${ids.service ?? null}::text) AS service,
    (SELECT name FROM "Team" WHERE id = ${ids.team ?? null}::text) AS team,
    (SELECT name FROM "User" WHERE id = ${ids.requester ?? null}::text) AS requester`;
  for (const k of ["service", "team", "requester"] as const) {
    const id = ids[k];
    const name = r?.[k];
    if (name) out.labels[k] = name;
    else if (id) out.unknown[k] = UNKNOWN[k](id);
  }
  return out;
}
