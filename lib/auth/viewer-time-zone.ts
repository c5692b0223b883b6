import "server-only";
import { cache } from "react";
import { isValidTimeZone } from "@/lib/domain/local-time";
import { orgTimeZone } from "@/lib/server/org-time-zone";
import { getActor } from "./session";

/** The organisation's zone, read once per request however many parts of a page ask. */
export const requestOrgTimeZone = cache(orgTimeZone);

/**
 * The zone the signed-in person reads times in: their own (Settings), else the organisation's.
 * Both arrive with the per-request user lookup (getActor), so this costs no read of its own; only
 * without a policy row (a fresh database) is the organisation's zone read separately.
 */
export const viewerTimeZone = cache(async (): Promise<string> => {
  const actor = await getActor();
  for (const zone of [actor?.timeZone, actor?.orgTimeZone]) if (zone && isValidTimeZone(zone)) return zone;
  return requestOrgTimeZone();
});
