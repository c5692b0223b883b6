// Wall-clock times in a named time zone ↔ instants. Deployment windows are entered as local times
// ("10:00 in America/New_York"), stored as instants, and shown back in the zone they were planned in.
import { DateTime, IANAZone } from "luxon";

// luxon checks a zone by building an Intl formatter (~0.1 ms); pages check the same few zones often.
const validZones = new Set<string>();
export function isValidTimeZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  if (validZones.size < 1000) validZones.add(zone);
  return true;
}

/**
 * "2026-03-29T02:30" in a zone → the instant, or null when the text is malformed, the zone unknown,
 * or the wall time does not exist there (skipped by a daylight-saving jump).
 */
export function localToInstant(local: string, zone: string): Date | null {
  if (!isValidTimeZone(zone)) return null;
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) return null;
  // luxon shifts a non-existent wall time forward; refuse it instead of silently moving the window.
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== local.slice(0, 16)) return null;
  return dt.toJSDate();
}

/** The instant as the value of an <input type="datetime-local"> in the zone. */
export function instantToLocalInput(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

// Pages format dozens of instants per request; building a luxon DateTime for each (it resolves the
// zone through a fresh Intl formatter) cost ~0.16 ms apiece, a cached Intl formatter ~0.002 ms.
const FORMATS = {
  /** All numeric: dates, times and offsets. */
  wall: { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
  /** As a deployment window reads on a page. */
  window: { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(instant: Date, zone: string, format: keyof typeof FORMATS): Parts {
  const key = `${format}|${zone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, ...FORMATS[format] });
    if (formatters.size > 500) formatters.clear(); // zones come from stored data; bound the cache anyway
    formatters.set(key, f);
  }
  const p: Parts = {};
  for (const part of f.formatToParts(instant)) p[part.type] = part.value;
  return p;
}

/** The local calendar date of an instant in the zone, 'YYYY-MM-DD' (luxon's toISODate). */
export function localDate(instant: Date, zone: string): string {
  const p = partsIn(instant, zone, "wall");
  return `${p.year}-${p.month}-${p.day}`;
}

/** The local date and time of an instant in the zone, "2024-03-31 14:05" (luxon's "yyyy-MM-dd HH:mm"). */
export function localDateTime(instant: Date, zone: string): string {
  const p = partsIn(instant, zone, "wall");
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The zone's offset from UTC at the instant, in milliseconds (luxon's offset × 60,000). */
export function zoneOffsetMs(instant: Date, zone: string): number {
  const p = partsIn(instant, zone, "wall");
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** "Sat 20 Jan 2024, 10:00 EST" — how a window reads on a page (luxon's "ccc d LLL yyyy, HH:mm ZZZZ"). */
export function formatInZone(instant: Date, zone: string): string {
  const p = partsIn(instant, zone, "window");
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "Sat 20 Jan, 10:00" — a day and time in the zone without year or zone name (luxon's "ccc d LLL, HH:mm"), for rows of one page that already names its zone. */
export function formatDayTimeInZone(instant: Date, zone: string): string {
  const p = partsIn(instant, zone, "window");
  return `${p.weekday} ${p.day} ${p.month}, ${p.hour}:${p.minute}`;
}

/** "10:00" in the zone (luxon's "HH:mm"). */
export function formatTimeInZone(instant: Date, zone: string): string {
  const p = partsIn(instant, zone, "wall");
  return `${p.hour}:${p.minute}`;
}

export const COMMON_TIME_ZONES = [
  "UTC",
  "Europe/Berlin",
  "Europe/London",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
] as const;

/**
 * Whether the instant's local wall time happens twice in the zone (the hour repeated when clocks go
 * back): "2024-10-27 02:30" in Berlin is two different instants, so a table must add the offset.
 */
export function isAmbiguousLocal(instant: Date, zone: string, offsetAt: (instant: Date) => number = (d) => zoneOffsetMs(d, zone)): boolean {
  const t = instant.getTime();
  const o = offsetAt(instant);
  // An offset change within a few hours either side is the only way another instant shares the wall time.
  for (const probe of [t - 3 * 3600_000, t + 3 * 3600_000]) {
    const other = offsetAt(new Date(probe));
    if (other === o) continue;
    const twin = t + o - other;
    if (twin !== t && offsetAt(new Date(twin)) === other) return true;
  }
  return false;
}

const SLOT_MS = 15 * 60_000;

/**
 * zoneOffsetMs for many instants in one zone (a table's rows, each checked with isAmbiguousLocal):
 * each Intl lookup cost ~0.03 ms and a history page made ~500, so the offset is looked up once per
 * 15-minute slot and reused while both ends of the slot agree on it; a slot holding a clock change
 * asks for each instant.
 */
export function zoneOffsets(zone: string): (instant: Date) => number {
  const slots = new Map<number, number | null>();
  return (instant) => {
    const s = Math.floor(instant.getTime() / SLOT_MS);
    let offset = slots.get(s);
    if (offset === undefined) {
      const start = zoneOffsetMs(new Date(s * SLOT_MS), zone);
      offset = start === zoneOffsetMs(new Date(s * SLOT_MS + SLOT_MS - 1), zone) ? start : null;
      slots.set(s, offset);
    }
    return offset ?? zoneOffsetMs(instant, zone);
  };
}

/** "UTC+01:00" for the zone's offset at the instant. */
export function utcOffsetLabel(instant: Date, zone: string): string {
  const m = Math.round(zoneOffsetMs(instant, zone) / 60_000);
  const a = Math.abs(m);
  return `UTC${m < 0 ? "-" : "+"}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}

// How pages show an instant to a person: always in the viewer's zone (viewerTimeZone on the server,
// passed to components as `zone`). formatInZone names the zone; tables and axes use the shorter
// forms below, which add the UTC offset only where the wall time alone would be ambiguous.

/** "2024-10-27 02:30", or "2024-10-27 02:30 UTC+02:00" when that wall time happens twice (clocks back). */
export function formatWall(instant: Date, zone: string): string {
  const wall = localDateTime(instant, zone);
  return isAmbiguousLocal(instant, zone) ? `${wall} ${utcOffsetLabel(instant, zone)}` : wall;
}

/** "14:05" in the zone: chart axes and times beside a date already shown. */
export function formatClock(instant: Date, zone: string): string {
  return localDateTime(instant, zone).slice(11);
}

/** Every IANA zone the runtime knows, UTC first: the choices of a zone picker. */
export function allTimeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: "timeZone") => string[] }).supportedValuesOf?.("timeZone") ?? [...COMMON_TIME_ZONES];
  return ["UTC", ...supported.filter((z) => z !== "UTC")];
}

/** The zone's own spelling ("asia/tokyo" → "Asia/Tokyo"), or null when unknown. */
export function canonicalTimeZone(zone: string): string | null {
  if (!isValidTimeZone(zone)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
