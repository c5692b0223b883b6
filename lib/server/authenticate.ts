import "server-only";
import { db, readSql } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { secondsUntilNextAttempt } from "@/lib/domain/sign-in-throttle";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { writeAudit } from "./audit";

const WRONG = "Wrong email or password.";

/**
 * Checks a password sign-in. Unknown email, wrong password and disabled account give messages that
 * do not reveal which accounts exist; repeated failures on an account are slowed down.
 */
export async function authenticateWithPassword(email: string, password: string, now = new Date()): Promise<Actor> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !user.passwordHash) throw new AppError("UNAUTHENTICATED", WRONG);
  const wait = secondsUntilNextAttempt(user.failedSignIns, user.lastFailedSignInAt, now);
  if (wait > 0) {
    throw new AppError("RATE_LIMITED", `Too many failed sign-ins for this account. Try again in ${wait} s.`);
  }
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok) {
    await db.user.update({
      where: { id: user.id },
      data: { failedSignIns: { increment: 1 }, lastFailedSignInAt: now },
    });
    throw new AppError("UNAUTHENTICATED", WRONG);
  }
  if (user.disabled) throw new AppError("FORBIDDEN", "This account is disabled. Ask an administrator.");
  if (user.failedSignIns > 0) {
    await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lastFailedSignInAt: null } });
  }
  return { id: user.id, name: user.name, email: user.email, roles: user.roles };
}

/**
 * Single sign-on: the identity provider vouched for the email. Only accounts an admin created may
 * enter, unless CHANGEGATE_OIDC_AUTO_PROVISION=true, which creates them as engineers.
 */
export async function authenticateWithOidc(email: string, name: string): Promise<Actor> {
  const normalized = email.trim().toLowerCase();
  let user = await db.user.findUnique({ where: { email: normalized } });
  if (!user && process.env.CHANGEGATE_OIDC_AUTO_PROVISION === "true") {
    user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email: normalized, name: name || normalized, roles: ["ENGINEER"] } });
      await writeAudit(tx, {
        actor: { id: null, label: "single sign-on" },
        action: "user.provisioned",
        entityType: "User",
        entityId: created.id,
        after: { email: created.email, roles: created.roles },
      });
      return created;
    });
  }
  if (!user) throw new AppError("FORBIDDEN", "No Changegate account for this email. Ask an administrator.");
  if (user.disabled) throw new AppError("FORBIDDEN", "This account is disabled. Ask an administrator.");
  return { id: user.id, name: user.name, email: user.email, roles: user.roles };
}

/**
 * The signed-in user as stored now: roles may have changed and the account may be disabled.
 * Runs on every request, so it reads with plain SQL (an ORM read costs several times the CPU).
 */
export async function loadActor(userId: string): Promise<Actor | null> {
  const [user] = await readSql<(Actor & { disabled: boolean })[]>`
    SELECT id, name, email, roles::text[] AS roles, disabled FROM "User" WHERE id = ${userId}`;
  if (!user || user.disabled) return null;
  return { id: user.id, name: user.name, email: user.email, roles: user.roles };
}
