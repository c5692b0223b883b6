import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { loadActor } from "@/lib/server/authenticate";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import { can, type Actor, type Permission } from "./permissions";

/**
 * The signed-in, enabled user, with roles as stored now; null when signed out. Memoised per request:
 * the layout and the page both ask, and one session decode and one lookup serve both.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return loadActor(id);
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
