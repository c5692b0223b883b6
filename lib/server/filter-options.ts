import "server-only";
// The services, teams and people that filter selects choose from, and the names of the ones a URL
// names. Plain SQL: the name lookup runs on every filtered list view.
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "kysely";
import { readDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DIRECTORY_LISTS, type DirectoryEntry, type DirectoryLabels, type DirectoryList, type FilterOptions } from "@/lib/schemas/filter-options";

const TABLE = { services: "Service", teams: "Team", people: "User" } as const satisfies Record<DirectoryList, string>;

/**
 * The lists, each sorted by name, in one round trip. Any signed-in user may read them: they are what
 * every list page's filters already offered.
 */
export async function listFilterOptions(actor: Actor | null, lists: readonly DirectoryList[] = DIRECTORY_LISTS): Promise<FilterOptions> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const out: FilterOptions = { services: [], teams: [], people: [] };
  if (lists.length === 0) return out;
  const [first, ...rest] = lists.map((l) => readDb.selectFrom(TABLE[l]).select([sql<DirectoryList>`${l}::text`.as("list"), "id", "name"]));
  const rows = await rest.reduce((all, part) => all.unionAll(part), first!).orderBy("list").orderBy("name").orderBy("id").execute();
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
  const nameOf = (table: (typeof TABLE)[DirectoryList], id: string | undefined) =>
    readDb.selectFrom(table).select("name").where("id", "=", sql<string>`${id ?? null}::text`).$asScalar();
  const r = await readDb
    .selectNoFrom([nameOf("Service", ids.service).as("service"), nameOf("Team", ids.team).as("team"), nameOf("User", ids.requester).as("requester")])
    .executeTakeFirst();
  for (const k of ["service", "team", "requester"] as const) {
    const id = ids[k];
    const name = r?.[k];
    if (name) out.labels[k] = name;
    else if (id) out.unknown[k] = UNKNOWN[k](id);
  }
  return out;
}
