import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { loadActor } from "@/lib/server/authenticate";
import { AppError } from "@/lib/errors";
import { decodeSessionToken } from "./session-token";
import { can, type Actor, type Permission } from "./permissions";

/**
 * The signed-in, enabled user, with roles as stored now; null when signed out. Memoised per request:
 * the layout and the page both ask, and one session decode and one lookup serve both.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  // The session cookie, decoded as getServerSession would, without the refreshed cookie it also
  // encrypts on every call (~0.5 ms of CPU), which a page cannot set anyway; the browser's session
  // provider renews the cookie instead.
  const req = { cookies: await cookies(), headers: await headers() } as unknown as Parameters<typeof getToken>[0]["req"];
  const token = await getToken({ req, decode: decodeSessionToken });
  if (!token?.sub) return null;
  return loadActor(token.sub);
});

/** For pages: signed-out users go to the sign-in page and come back afterwards. */
export async function requireActor(returnTo?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/signin${returnTo ? `?callbackUrl=${encodeURIComponent(returnTo)}` : ""}`);
  return actor;
}

/** For pages: a user without the permission sees the "not allowed" page instead. */
export async function requirePagePermission(permission: Permission, returnTo?: string): Promise<Actor> {
  const actor = await requireActor(returnTo);
  if (!can(actor, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return actor;
}

/** For server actions and route handlers: throws AppError instead of redirecting. */
export async function actorOrThrow(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return actor;
}
