// The deployment-history filters as they travel in the URL (?service=…&outcome=…&from=…): one zod
// schema that turns query parameters into typed filters with a message per bad field, and the
// reverse, so links, pagination and the CSV export all carry exactly the state on screen.
//
// Dates are local calendar dates in the organisation's time zone, both ends inclusive
// ("2024-03-01" to "2024-03-31" is all of March); periodFromLocalDates turns them into instants.
// The schema needs "today" for the future-range rule; the caller passes it so nothing here reads a
// clock. Whether a named team, service or requester exists is the server's check (it needs the
// database); here an id only has to look like one.
import { z } from "zod";
import { METRIC_ROW_SETS } from "./metric-rows";
import { CR_STRATEGIES } from "./strategy-names";
import { RISK_LEVELS } from "./vocabulary";
import { periodFromLocalDates, type Granularity, type Period } from "./time-buckets";
import {
  addDataRangeIssues,
  addDateRangeIssues,
  addDays,
  dateParam,
  idParam,
  searchParamsToRecord,
  toParseResult,
  type DateRangeContext,
  type ParseResult,
  type SearchParamsLike,
} from "./url-params";

export const OUTCOME_FILTERS = ["succeeded", "failed", "rolled-back", "rolled-back-auto", "rolled-back-manual"] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];
export const OUTCOME_FILTER_LABELS: Record<OutcomeFilter, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  "rolled-back": "Rolled back",
  "rolled-back-auto": "Rolled back automatically",
  "rolled-back-manual": "Rolled back manually",
};

/** Values of Deployment.rollbackKind: a gate breach rolled it back, or a person did. */
export const ROLLBACK_KINDS = ["AUTOMATIC", "MANUAL"] as const;
export type RollbackKind = (typeof ROLLBACK_KINDS)[number];

/** The Deployment columns an outcome filter selects. */
export function outcomeFilterWhere(f: OutcomeFilter): {
  outcome: "SUCCEEDED" | "FAILED" | "ROLLED_BACK";
  rollbackKind?: RollbackKind;
} {
  switch (f) {
    case "succeeded":
      return { outcome: "SUCCEEDED" };
    case "failed":
      return { outcome: "FAILED" };
    case "rolled-back":
      return { outcome: "ROLLED_BACK" };
    case "rolled-back-auto":
      return { outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC" };
    case "rolled-back-manual":
      return { outcome: "ROLLED_BACK", rollbackKind: "MANUAL" };
  }
}

export const HISTORY_SORT_FIELDS = ["started", "finished", "duration", "service", "outcome", "risk"] as const;
export type HistorySortField = (typeof HISTORY_SORT_FIELDS)[number];
export interface HistorySort {
  field: HistorySortField;
  direction: "asc" | "desc";
}
export const DEFAULT_HISTORY_SORT: HistorySort = { field: "started", direction: "desc" };
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
/** Far beyond any real history (300,000 rows at 25 a page is 12,000 pages); stops absurd offsets. */
export const MAX_PAGE = 100_000;

const list = (xs: readonly string[]) => xs.join(", ");

/** Case-insensitive match onto the canonical spelling, so ?risk=high and ?strategy=allatonce work. */
const canonical = (values: readonly string[]) => (v: unknown) =>
  typeof v === "string" ? (values.find((x) => x.toLowerCase() === v.toLowerCase()) ?? v) : v;

const outcomeParam = z.enum(OUTCOME_FILTERS, {
  error: (iss) => `Unknown outcome "${String(iss.input)}". Use one of: ${list(OUTCOME_FILTERS)}.`,
});
// ECS rolling deployments (ROLLING) are history like the alias strategies.
const strategyParam = z.preprocess(
  canonical(CR_STRATEGIES),
  z.enum(CR_STRATEGIES, { error: (iss) => `Unknown strategy "${String(iss.input)}". Use one of: ${list(CR_STRATEGIES)}.` }),
);
const riskParam = z.preprocess(
  canonical(RISK_LEVELS),
  z.enum(RISK_LEVELS, { error: (iss) => `Unknown risk "${String(iss.input)}". Use one of: ${list(RISK_LEVELS)}.` }),
);

// The rows behind a dashboard number (metric-rows.ts), so every number opens exactly its deployments.
const rowsParam = z.enum(METRIC_ROW_SETS, {
  error: (iss) => `Unknown row set "${String(iss.input)}". Use one of: ${list(METRIC_ROW_SETS)}.`,
});

const SORT_RE = new RegExp(`^(-?)(${HISTORY_SORT_FIELDS.join("|")})$`);
const sortParam = z
  .string()
  .transform((s, ctx): HistorySort => {
    const m = SORT_RE.exec(s);
    if (!m) {
      ctx.addIssue({
        code: "custom",
        message: `Unknown sort "${s}". Sort by one of: ${list(HISTORY_SORT_FIELDS)}; put "-" in front for descending.`,
      });
      return z.NEVER;
    }
    return { field: m[2] as HistorySortField, direction: m[1] ? "desc" : "asc" };
  })
  .default(DEFAULT_HISTORY_SORT);

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${label} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`));

export const historyFieldsSchema = z.object({
  service: idParam("Service").optional(),
  team: idParam("Team").optional(),
  outcome: outcomeParam.optional(),
  strategy: strategyParam.optional(),
  risk: riskParam.optional(),
  requester: idParam("Requester").optional(),
  rows: rowsParam.optional(),
  from: dateParam("Start date").optional(),
  to: dateParam("End date").optional(),
  sort: sortParam,
  page: wholeNumber("Page", 1, MAX_PAGE).default(1),
  pageSize: wholeNumber("Page size", 1, 1000)
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), `Page size must be one of ${list(PAGE_SIZES.map(String))}`)
    .default(DEFAULT_PAGE_SIZE),
});
export type HistoryFilters = z.output<typeof historyFieldsSchema>;

/**
 * The history filters with the cross-field date rules. History has no maximum range by default:
 * leaving the dates empty already means all of it, and paging and the streamed export cope.
 */
export function historyFiltersSchema(ctx: DateRangeContext) {
  return historyFieldsSchema.superRefine((v, issues) => {
    addDateRangeIssues(v, ctx, (i) => issues.addIssue(i));
    addDataRangeIssues(v, ctx, (i) => issues.addIssue(i));
  });
}

/** Parse a URL's query (URLSearchParams or Next's searchParams record) into filters or field errors. */
export function parseHistoryFilters(params: SearchParamsLike, ctx: DateRangeContext): ParseResult<HistoryFilters> {
  return toParseResult(historyFiltersSchema(ctx).safeParse(searchParamsToRecord(params)));
}

/** The filters as URL parameters, in a fixed order, defaults left out so URLs stay short and stable. */
export function historyFiltersToSearchParams(f: Partial<HistoryFilters>): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of ["service", "team", "outcome", "strategy", "risk", "requester", "rows", "from", "to"] as const) {
    const v = f[key];
    if (v !== undefined) q.set(key, v);
  }
  if (f.sort && (f.sort.field !== DEFAULT_HISTORY_SORT.field || f.sort.direction !== DEFAULT_HISTORY_SORT.direction)) {
    q.set("sort", `${f.sort.direction === "desc" ? "-" : ""}${f.sort.field}`);
  }
  if (f.page !== undefined && f.page !== 1) q.set("page", String(f.page));
  if (f.pageSize !== undefined && f.pageSize !== DEFAULT_PAGE_SIZE) q.set("pageSize", String(f.pageSize));
  return q;
}

/** "?service=…&outcome=…" or "" when every filter is at its default. */
export function historyFiltersToQuery(f: Partial<HistoryFilters>): string {
  const s = historyFiltersToSearchParams(f).toString();
  return s ? `?${s}` : "";
}

// ---- Dashboard period and scope: ?from=…&to=…&team=… or &service=… (&granularity=day|week) ----

/** About two years, leap day included: long enough for year-on-year, short enough to stay fast. */
export const DASHBOARD_MAX_RANGE_DAYS = 731;
export const DEFAULT_DASHBOARD_DAYS = 28;

export const dashboardFieldsSchema = z.object({
  from: dateParam("Start date").optional(),
  to: dateParam("End date").optional(),
  team: idParam("Team").optional(),
  service: idParam("Service").optional(),
  granularity: z
    .enum(["day", "week"], { error: (iss) => `Unknown granularity "${String(iss.input)}". Use day or week.` })
    .optional(),
});

export interface DashboardFilters {
  from: string;
  to: string;
  team?: string;
  service?: string;
  granularity?: Granularity;
}

/**
 * Missing dates default to the last 28 days ending today (only `from`: up to today; only `to`: the
 * 28 days ending then). The metrics are per organisation, team or service: one scope at a time.
 */
export function dashboardFiltersSchema(ctx: DateRangeContext) {
  const limits = { ...ctx, maxRangeDays: ctx.maxRangeDays ?? DASHBOARD_MAX_RANGE_DAYS };
  return dashboardFieldsSchema
    // On the dates as typed, before the defaults fill them in.
    .superRefine((v, issues) => addDataRangeIssues(v, ctx, (i) => issues.addIssue(i)))
    .transform((v): DashboardFilters => {
      const to = v.to ?? ctx.today;
      return { ...v, from: v.from ?? addDays(to, -(DEFAULT_DASHBOARD_DAYS - 1)), to };
    })
    .superRefine((v, issues) => {
      if (v.team && v.service) {
        issues.addIssue({ code: "custom", message: "Choose a team or a service, not both.", path: ["service"] });
      }
      addDateRangeIssues(v, limits, (i) => issues.addIssue(i));
    });
}

export function parseDashboardFilters(
  params: SearchParamsLike,
  ctx: DateRangeContext,
): ParseResult<DashboardFilters> {
  return toParseResult(dashboardFiltersSchema(ctx).safeParse(searchParamsToRecord(params)));
}

/** The instants the dashboard covers: local midnight of `from` to the local midnight after `to`. */
export function dashboardPeriod(f: Pick<DashboardFilters, "from" | "to">, timeZone: string): Period {
  return periodFromLocalDates(f.from, f.to, timeZone);
}

export function dashboardFiltersToQuery(f: DashboardFilters): string {
  const q = new URLSearchParams();
  for (const key of ["from", "to", "team", "service", "granularity"] as const) {
    const v = f[key];
    if (v !== undefined) q.set(key, v);
  }
  return `?${q.toString()}`;
}
