import "server-only";
import { localDate } from "@/lib/domain/local-time";
import { activePolicyOf, getActivePolicy, latestPolicySql } from "./policy-store";

/**
 * The organisation's time zone (the policy's): days, weeks and calendar dates are local to it.
 * Every history and dashboard view asks, so the latest version is read with Kysely on pg (the ORM's
 * findFirst cost more CPU than the rest of the lookup); its parsed policy is cached by id.
 */
export async function orgTimeZone(): Promise<string> {
  const [row] = await latestPolicySql().execute();
  return (row ? activePolicyOf(row) : await getActivePolicy()).policy.timeZone;
}

/** Today's local date in the zone, 'YYYY-MM-DD'. */
export function localToday(zone: string, now = new Date()): string {
  return localDate(now, zone);
}
