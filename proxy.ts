import { NextResponse, type NextRequest } from "next/server";
import { CROSS_ORIGIN_ACTION_MESSAGE, hasNullCharacter, isCrossOriginAction, NULL_CHARACTER_MESSAGE } from "@/lib/request-guards";

// Signed-out visitors go to the sign-in page and come back to where they were heading. This only
// looks for the session cookie; the pages themselves verify the session and the roles.
// /api/slack is authenticated by Slack's request signature, not a session; /api/health answers load
// balancers and operators without one (it tells states, no secrets).
const PUBLIC = ["/signin", "/api/auth", "/api/v1", "/api/slack", "/api/health", "/_next", "/favicon", "/forbidden"];

/** A refusal the sender can read: JSON for scripts and server-action fetches, a small page for a browser. */
function refuse(request: NextRequest, status: number, message: string) {
  const api = request.nextUrl.pathname.startsWith("/api/") || request.headers.has("next-action");
  if (api) return NextResponse.json({ error: message }, { status });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Changegate: request refused</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1>Request refused</h1>` +
    `<p>${message}</p><p><a href="/">Back to Changegate</a></p></body></html>`;
  return new NextResponse(html, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

export function proxy(request: NextRequest) {
  // Before anything reads the request: odd input gets a clear 4xx here, not a 500 from wherever it
  // would have failed (every page, route and server action passes through this matcher).
  if (hasNullCharacter(request.url)) return refuse(request, 400, NULL_CHARACTER_MESSAGE);
  const h = request.headers;
  if (
    isCrossOriginAction({
      method: request.method,
      pathname: request.nextUrl.pathname,
      nextAction: h.get("next-action"),
      contentType: h.get("content-type"),
      origin: h.get("origin"),
      host: h.get("host"),
      forwardedHost: h.get("x-forwarded-host"),
    })
  ) {
    return refuse(request, 403, CROSS_ORIGIN_ACTION_MESSAGE);
  }
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((p) => pathname.startsWith(p))) return NextResponse.next();
  const hasSession =
    request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  if (hasSession) return NextResponse.next();
  // A script's fetch gets a status it can act on, not the sign-in page's HTML.
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
