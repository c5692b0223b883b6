import "server-only";
import { getActivePolicy } from "./policy-store";

/** The organisation's time zone (the policy's): days, weeks and calendar dates are local to it. */
export async function orgTimeZone(): Promise<string> {
  return (await getActivePolicy()).policy.timeZone;
}

/** Today's local date in the zone, 'YYYY-MM-DD'. */
export function localToday(zone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
