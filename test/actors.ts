// Helpers shared by the integration tests that act as people: seeded users as Actors, and the
// refusal a service answers with.
import { expect } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/domain/vocabulary";
import { createUser } from "@/prisma/factories";

export const asActor = (u: { id: string; name: string; email: string; roles: Actor["roles"] }): Actor => ({ id: u.id, name: u.name, email: u.email, roles: u.roles });

/** A new user with these roles, as the Actor services take. */
export const seedActor = async (roles: Role[]): Promise<Actor> => asActor(await createUser(db, { roles }));

/** The AppError a call is refused with (failing the test when it succeeds), with its code checked when given. */
export async function refusal(p: Promise<unknown>, code?: AppError["code"]): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  if (code) expect((e as AppError).code).toBe(code);
  return e as AppError;
}
