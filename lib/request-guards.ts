// Requests the portal refuses before any page or route sees them (proxy.ts runs these on every
// request), with a status and a message the sender can act on instead of a 500 from deeper down.

/** PostgreSQL rejects \0 in text: a null character in a query or path would fail as a 500 in whatever read it. */
export const NULL_CHARACTER_MESSAGE = "The address contains a null character (%00), which the portal does not accept. Remove it from the address and try again.";

export const CROSS_ORIGIN_ACTION_MESSAGE =
  "This form was sent from another site than the portal, so the portal refused it. Open the portal's own page and submit the form there.";

/** Whether the raw request URL (still percent-encoded) carries a null character anywhere. */
export function hasNullCharacter(rawUrl: string): boolean {
  // Percent-encoded only: a raw \0 never gets past Node's HTTP parser. "%2500" is a literal "%00" text.
  return /%00/i.test(rawUrl);
}

export interface ActionRequest {
  method: string;
  pathname: string;
  /** The value of the Next-Action header, if any. */
  nextAction: string | null;
  contentType: string | null;
  origin: string | null;
  host: string | null;
  forwardedHost: string | null;
}

function hostOf(origin: string): string | undefined {
  if (origin === "null") return "null"; // sandboxed frames and privacy-sensitive contexts
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/**
 * Next.js refuses a server action whose Origin is not the host it was sent to (CSRF protection),
 * but its refusal surfaces as a 500. This is the same rule, decided before Next: a POST that may be
 * a server action (a Next-Action header, or a multipart form post to a page) whose Origin's host is
 * neither the X-Forwarded-Host (its first value) nor the Host. Without an Origin Next lets it through
 * (no browser would omit it), and so does this. No serverActions.allowedOrigins is configured in
 * next.config.ts; if one ever is, allow it here too.
 */
export function isCrossOriginAction(r: ActionRequest): boolean {
  if (r.method !== "POST" || r.pathname.startsWith("/api/")) return false;
  const mayBeAction = r.nextAction !== null || (r.contentType ?? "").toLowerCase().startsWith("multipart/form-data");
  if (!mayBeAction || r.origin === null) return false;
  const host = r.forwardedHost?.split(",")[0]?.trim() || r.host;
  const originHost = hostOf(r.origin);
  return !host || originHost === undefined || originHost !== host;
}
