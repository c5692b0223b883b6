import { NextResponse, type NextRequest } from "next/server";

// Signed-out visitors go to the sign-in page and come back to where they were heading. This only
// looks for the session cookie; the pages themselves verify the session and the roles.
const PUBLIC = ["/signin", "/api/auth", "/api/v1", "/_next", "/favicon", "/forbidden"];

export function proxy(request: NextRequest) {
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
