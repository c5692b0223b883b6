// The CR list's filters live in the URL; this schema reads them (ignoring what it cannot use, since
// a hand-edited URL should degrade to "no filter", not an error page) and writes them back.
import { z } from "zod";
import { CHANGE_TYPES, CR_STATES, RISK_LEVELS } from "@/lib/domain/vocabulary";

export const CHANGE_SORTS = ["newest", "oldest", "window", "number", "risk"] as const;
export const PAGE_SIZE = 25;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);

export const changeListSchema = z.object({
  state: optionalEnum(CR_STATES),
  risk: optionalEnum(RISK_LEVELS),
  type: optionalEnum(CHANGE_TYPES),
  service: z.string().max(100).optional().catch(undefined),
  requester: z.string().max(100).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(CHANGE_SORTS).default("newest").catch("newest"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ChangeListFilters = z.infer<typeof changeListSchema>;

export function parseChangeList(params: Record<string, string | string[] | undefined>): ChangeListFilters {
  const flat = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v === "" ? undefined : v]),
  );
  return changeListSchema.parse(flat);
}

export function changeListQuery(f: Partial<ChangeListFilters>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === "" || (k === "sort" && v === "newest") || (k === "page" && v === 1)) continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
