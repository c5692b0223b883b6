import "server-only";
import { cache } from "react";
import { isValidTimeZone } from "@/lib/domain/local-time";
import { orgTimeZone } from "@/lib/server/org-time-zone";
import { getActor } from "./session";

/** The organisation's zone, read once per request however many parts of a page ask. */
export const requestOrgTimeZone = cache(orgTimeZone);

/**
 * The zone the signed-in person reads times in: their own (Settings), else the organisation's.
 * Their zone arrives with the per-request user lookup (getActor), so a person who chose one costs
 * no read at all; the organisation's zone is read once per request otherwise.
 */
export const viewerTimeZone = cache(async (): Promise<string> => {
  const own = (await getActor())?.timeZone;
  return own && isValidTimeZone(own) ? own : requestOrgTimeZone();
});
