import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { localToInstant } from "@/lib/domain/local-time";
import { AppError } from "@/lib/errors";
import { freezeWindowSchema } from "@/lib/schemas/ci-admin";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";

/** Declares a blackout period; times are entered in the organisation's time zone. */
export async function createFreezeWindow(actor: Actor, input: unknown) {
  assertCan(actor, "admin:freeze", "Only admins declare freeze windows.");
  const v = parseOrThrow(freezeWindowSchema, input);
  const startsAt = localToInstant(v.startsAt, v.timeZone);
  const endsAt = localToInstant(v.endsAt, v.timeZone);
  if (!startsAt) throw new AppError("VALIDATION", "The start does not exist in that time zone.", { fields: { startsAt: "Time does not exist (daylight-saving change)" } });
  if (!endsAt) throw new AppError("VALIDATION", "The end does not exist in that time zone.", { fields: { endsAt: "Time does not exist (daylight-saving change)" } });
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new AppError("VALIDATION", "A freeze window must end after it starts.", { fields: { endsAt: "Must be after the start" } });
  }
  return db.$transaction(async (tx) => {
    const fw = await tx.freezeWindow.create({ data: { name: v.name, reason: v.reason, startsAt, endsAt, createdById: actor.id } });
    await writeAudit(tx, { actor: auditActor(actor), action: "freeze.declared", entityType: "FreezeWindow", entityId: fw.id, after: fw });
    return fw;
  });
}

export async function deleteFreezeWindow(actor: Actor, id: string) {
  assertCan(actor, "admin:freeze", "Only admins remove freeze windows.");
  return db.$transaction(async (tx) => {
    const fw = await tx.freezeWindow.findUnique({ where: { id } });
    if (!fw) throw new AppError("NOT_FOUND", "Freeze window not found.");
    await tx.freezeWindow.delete({ where: { id } });
    await writeAudit(tx, { actor: auditActor(actor), action: "freeze.removed", entityType: "FreezeWindow", entityId: id, before: fw });
  });
}

export async function listFreezeWindows(actor: Actor, now = new Date()) {
  assertCan(actor, "admin:freeze");
  return db.freezeWindow.findMany({ where: { endsAt: { gt: new Date(now.getTime() - 30 * 86_400_000) } }, orderBy: { startsAt: "asc" } });
}
