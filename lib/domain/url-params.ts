// Shared pieces of the URL filter schemas (history-filters.ts): reading query parameters, id and
// date parameters, and the date-range rules with messages that say what is wrong and how to fix it.
import { z } from "zod";

/** URLSearchParams, or the record Next.js hands a page as `searchParams`. */
export type SearchParamsLike = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * One trimmed string per key: the first non-empty value of a repeated key. Empty values are dropped,
 * so a form that submits "?service=" means "any service" rather than an error.
 */
export function searchParamsToRecord(params: SearchParamsLike): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, raw: string) => {
    const v = raw.trim();
    if (v !== "" && !(key in out)) out[key] = v;
  };
  if (params instanceof URLSearchParams) {
    params.forEach((v, k) => put(k, v));
  } else {
    for (const [k, v] of Object.entries(params)) {
      if (typeof v === "string") put(k, v);
      else if (v) for (const x of v) put(k, x);
    }
  }
  return out;
}

/** An id-like value (cuid, slug). Whether it names a real record is the server's check. */
export const idParam = (label: string) =>
  z
    .string()
    .max(100, `${label} id is too long`)
    .regex(/^[A-Za-z0-9._-]+$/, `${label} must be an id (letters, digits, ".", "_" or "-")`);

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether 'YYYY-MM-DD' names a real calendar date (no 30 February). */
export function isCalendarDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const dateParam = (label: string) =>
  z
    .string()
    .regex(DATE_RE, `${label} must be a date like 2024-03-31`)
    .refine(isCalendarDate, `${label} is not a calendar date`);

/** Calendar arithmetic on 'YYYY-MM-DD' (UTC-based, so no daylight-saving effects). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted: 2024-03-01 … 2024-03-31 is 31. */
export function inclusiveDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export interface DateRangeContext {
  /** Today's local date in the organisation's zone, 'YYYY-MM-DD' (passed in: nothing here reads a clock). */
  today: string;
  /** Longest allowed range in days, both ends counted; undefined: no limit. */
  maxRangeDays?: number;
  /** First date with data; a range starting before it is refused when given. */
  earliest?: string;
  /** Local date of the first deployment ever recorded; see addDataRangeIssues. */
  dataBegins?: string;
}

type AddIssue = (issue: { code: "custom"; message: string; path: string[] }) => void;

/**
 * The range rules, each reported at the field to change: a date in the future, an end before the
 * start, a range longer than allowed, a start before the data begins. Dates compare as strings
 * because 'YYYY-MM-DD' sorts chronologically.
 */
export function addDateRangeIssues(v: { from?: string; to?: string }, ctx: DateRangeContext, add: AddIssue): void {
  const { from, to } = v;
  const issue = (path: "from" | "to", message: string) => add({ code: "custom", message, path: [path] });
  if (from && from > ctx.today) issue("from", `The start date ${from} is in the future (today is ${ctx.today}).`);
  if (to && to > ctx.today) issue("to", `The end date ${to} is in the future (today is ${ctx.today}).`);
  if (from && to && from > to) {
    issue("from", `The start date ${from} is after the end date ${to}; swap them or pick an earlier start.`);
    return;
  }
  if (from && to && ctx.maxRangeDays !== undefined) {
    const days = inclusiveDays(from, to);
    if (days > ctx.maxRangeDays) {
      issue("from", `The range covers ${days} days; at most ${ctx.maxRangeDays} days can be shown. Pick a later start date.`);
    }
  }
  if (from && ctx.earliest && from < ctx.earliest) {
    issue("from", `There is no data before ${ctx.earliest}; pick a start date on or after it.`);
  }
}

/**
 * The range rules that depend on the data, for the dates the user typed (a defaulted range is never
 * refused): a range that ends before the first deployment has nothing to show, and one longer than
 * the whole recorded history starts before it for no reason. A month that merely starts a few days
 * before the first deployment stays valid, so "March" works in the month the portal went live.
 */
export function addDataRangeIssues(v: { from?: string; to?: string }, ctx: DateRangeContext, add: AddIssue): void {
  const begins = ctx.dataBegins;
  if (!begins) return;
  const { from, to } = v;
  if (to && to < begins) {
    add({ code: "custom", path: ["to"], message: `No deployment was recorded before ${begins} (the first one); this range ends on ${to}. Pick an end date on or after ${begins}.` });
    return;
  }
  if (from && from < begins && from <= (to ?? ctx.today)) {
    const days = inclusiveDays(from, to ?? ctx.today);
    const recorded = inclusiveDays(begins, ctx.today);
    if (days > recorded) {
      add({
        code: "custom",
        path: ["from"],
        message: `The range covers ${days} days, longer than the ${recorded} days of recorded deployments (the first on ${begins}). Pick a start date on or after ${begins}.`,
      });
    }
  }
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** A zod result as filters or { field: first message } for the page to show beside each control. */
export function toParseResult<T>(r: { success: true; data: T } | { success: false; error: z.ZodError }): ParseResult<T> {
  if (r.success) return { ok: true, value: r.data };
  const errors: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
