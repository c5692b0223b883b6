import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUserSchema, updateUserSchema } from "@/lib/schemas/admin";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { isUniqueViolation } from "./prisma-errors";
import { assertCan } from "./guard";

const PUBLIC_FIELDS = { id: true, name: true, email: true, roles: true, disabled: true, teamId: true, slackUserId: true } as const;

export async function createUserAccount(actor: Actor, input: unknown) {
  assertCan(actor, "admin:users");
  const v = parseOrThrow(createUserSchema, input);
  const passwordHash = await hashPassword(v.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: v.name, email: v.email, roles: v.roles, teamId: v.teamId, passwordHash },
        select: PUBLIC_FIELDS,
      });
      await writeAudit(tx, { actor: auditActor(actor), action: "user.created", entityType: "User", entityId: user.id, after: user });
      return user;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "A user with this email already exists.", { fields: { email: "Already in use" } });
    throw e;
  }
}

export async function updateUserAccount(actor: Actor, input: unknown) {
  assertCan(actor, "admin:users");
  const v = parseOrThrow(updateUserSchema, input);
  // An admin cannot lock themselves out: the last door to user management must stay open.
  if (v.id === actor.id && (v.disabled || !can({ roles: v.roles }, "admin:users"))) {
    throw new AppError("VALIDATION", "You cannot disable yourself or remove your own admin role.", { fields: { roles: "Keep your own admin role" } });
  }
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.user.findUnique({ where: { id: v.id }, select: PUBLIC_FIELDS });
      if (!before) throw new AppError("NOT_FOUND", "User not found.");
      const after = await tx.user.update({
        where: { id: v.id },
        data: { name: v.name, roles: v.roles, disabled: v.disabled, teamId: v.teamId ?? null, slackUserId: v.slackUserId },
        select: PUBLIC_FIELDS,
      });
      await writeAudit(tx, { actor: auditActor(actor), action: "user.updated", entityType: "User", entityId: v.id, before, after });
      return after;
    });
  } catch (e) {
    // A Slack click maps back to one user only.
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "Another user already has this Slack member id.", { fields: { slackUserId: "Already linked to another user" } });
    throw e;
  }
}

export async function listUsersForAdmin(actor: Actor) {
  assertCan(actor, "admin:users");
  const [users, teams] = await Promise.all([
    db.user.findMany({ orderBy: { name: "asc" }, select: { ...PUBLIC_FIELDS, team: { select: { name: true } } } }),
    db.team.findMany({ orderBy: { name: "asc" } }),
  ]);
  return { users, teams };
}
