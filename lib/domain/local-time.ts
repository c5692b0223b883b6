// Wall-clock times in a named time zone ↔ instants. Deployment windows are entered as local times
// ("10:00 in America/New_York"), stored as instants, and shown back in the zone they were planned in.
import { DateTime, IANAZone } from "luxon";

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
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

/** "Sat 20 Jan 2024, 10:00 EST" — how a window reads on a page. */
export function formatInZone(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("ccc d LLL yyyy, HH:mm ZZZZ");
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
