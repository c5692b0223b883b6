// When a risk level may deploy. Windows are wall-clock times in the organisation's zone, so they are
// built day by day in that zone with luxon: a 23- or 25-hour day around a daylight-saving change
// still opens at 18:00 local, not at 18:00 of a fixed UTC offset.
import { DateTime } from "luxon";
import { parseHm, WEEKDAY_SHORT, type IsoWeekday, type Policy, type WindowKind } from "./policy";
import { RISK_LABELS, type RiskLevel } from "./vocabulary";

export interface Interval {
  start: Date;
  end: Date;
}

export interface WindowStatus {
  kind: WindowKind;
  open: boolean;
  /** End of the window we are in; null when closed or when the window never closes. */
  closesAt: Date | null;
  /** Start of the next window when closed; null when open. */
  opensAt: Date | null;
  /** "High risk deploys only after 18:00 Europe/Berlin; next window opens in 3 h 12 min", when closed. */
  message: string | null;
}

type WindowPolicy = Pick<Policy, "timeZone" | "businessHours" | "afterHours">;

function at(day: DateTime, hm: string): DateTime {
  const { hour, minute } = parseHm(hm);
  // luxon moves a wall time skipped by a spring-forward jump to the first instant after it.
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: day.zone });
}

function intervalsOfDay(policy: WindowPolicy, kind: WindowKind, day: DateTime): [DateTime, DateTime][] {
  const next = day.plus({ days: 1 });
  if (kind === "BUSINESS_HOURS") {
    const b = policy.businessHours;
    return b.days.includes(day.weekday as IsoWeekday) ? [[at(day, b.start), at(day, b.end)]] : [];
  }
  if (kind === "AFTER_HOURS") {
    const a = policy.afterHours;
    const crossesMidnight = a.end <= a.start;
    const out: [DateTime, DateTime][] = [[at(day, a.start), at(crossesMidnight ? next : day, a.end)]];
    if (a.allDays.includes(day.weekday as IsoWeekday)) out.push([day.startOf("day"), next.startOf("day")]);
    return out;
  }
  return [];
}

/** The merged windows of a kind that overlap [from, to). ANYTIME is one interval covering it all. */
export function windowIntervals(policy: WindowPolicy, kind: WindowKind, from: Date, to: Date): Interval[] {
  if (kind === "ANYTIME") return [{ start: from, end: to }];
  const zone = policy.timeZone;
  // One day of margin each side: a night window that began yesterday may still be open.
  let day = DateTime.fromJSDate(from, { zone }).startOf("day").minus({ days: 1 });
  const last = DateTime.fromJSDate(to, { zone }).startOf("day").plus({ days: 1 });
  const raw: Interval[] = [];
  while (day <= last) {
    for (const [s, e] of intervalsOfDay(policy, kind, day)) raw.push({ start: s.toJSDate(), end: e.toJSDate() });
    day = day.plus({ days: 1 });
  }
  raw.sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Interval[] = [];
  for (const i of raw) {
    const prev = merged[merged.length - 1];
    if (prev && i.start.getTime() <= prev.end.getTime()) {
      if (i.end.getTime() > prev.end.getTime()) prev.end = i.end;
    } else merged.push({ ...i });
  }
  return merged.filter((i) => i.end.getTime() > from.getTime() && i.start.getTime() < to.getTime());
}

// Most answers are found within two days; the long look-ahead covers long weekends and sparse
// business days without paying for it on every call.
const LOOKAHEADS_DAYS = [2, 9];

export function windowStatus(policy: Policy, risk: RiskLevel, now: Date): WindowStatus {
  return windowStatusOfKind(policy, policy.rules[risk].window, now, RISK_LABELS[risk]);
}

export function windowStatusOfKind(policy: WindowPolicy, kind: WindowKind, now: Date, riskLabel = "This change"): WindowStatus {
  if (kind === "ANYTIME") return { kind, open: true, closesAt: null, opensAt: null, message: null };
  const t = now.getTime();
  let current: Interval | undefined;
  let next: Interval | null = null;
  let horizon = t;
  for (const days of LOOKAHEADS_DAYS) {
    horizon = t + days * 86_400_000;
    const windows = windowIntervals(policy, kind, now, new Date(horizon));
    current = windows.find((w) => w.start.getTime() <= t && t < w.end.getTime());
    next = windows.find((w) => w.start.getTime() > t) ?? null;
    // A window reaching the horizon may go on beyond it; look further before naming its end.
    const conclusive = current ? current.end.getTime() < horizon : next !== null;
    if (conclusive) break;
  }
  if (current) {
    const closesAt = current.end.getTime() < horizon ? current.end : null;
    return { kind, open: true, closesAt, opensAt: null, message: null };
  }
  const subject = riskLabel === "This change" ? riskLabel : `${riskLabel} risk`;
  const wait = next ? `; next window opens in ${formatWait(next.start.getTime() - t)}` : "";
  return { kind, open: false, closesAt: null, opensAt: next?.start ?? null, message: `${subject} deploys only ${describeWindow(policy, kind)}${wait}` };
}

/** "after 18:00 Europe/Berlin" / "during business hours (Mon–Fri 09:00–17:00 Europe/Berlin)". */
export function describeWindow(policy: WindowPolicy, kind: WindowKind): string {
  if (kind === "ANYTIME") return "at any time";
  if (kind === "AFTER_HOURS") return `after ${policy.afterHours.start} ${policy.timeZone}`;
  const b = policy.businessHours;
  return `during business hours (${formatDays(b.days)} ${b.start}–${b.end} ${policy.timeZone})`;
}

export function formatDays(days: readonly IsoWeekday[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const first = sorted[0];
  const lastDay = sorted[sorted.length - 1];
  if (first === undefined || lastDay === undefined) return "";
  const contiguous = sorted.length > 2 && lastDay - first === sorted.length - 1;
  return contiguous ? `${WEEKDAY_SHORT[first]}–${WEEKDAY_SHORT[lastDay]}` : sorted.map((d) => WEEKDAY_SHORT[d]).join(", ");
}

/** "3 h 12 min", rounded up to the minute so "opens in 0 min" never appears while still closed. */
export function formatWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 60_000));
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min`;
}
