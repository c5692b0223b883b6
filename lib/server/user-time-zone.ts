import "server-only";
// A person's own time zone (Settings): the zone every page shows them times in. Null means the
// organisation's (the policy's), so a later change of the policy's zone reaches everyone who never chose.
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { canonicalTimeZone } from "@/lib/domain/local-time";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";

const schema = z.object({
  timeZone: z
    .string({ error: "Time zone: choose one from the list" })
    .trim()
    .max(64, { error: "Time zone: too long to be a time zone name" })
    .refine((v) => v === "" || canonicalTimeZone(v) !== null, {
      error: "Time zone: unknown zone; pick an IANA zone such as Europe/Berlin or Asia/Tokyo from the list, or leave it empty for the organisation's",
    }),
});

/** The person's chosen zone, or null when they follow the organisation's. */
export async function getOwnTimeZone(actor: Actor): Promise<string | null> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { timeZone: true } });
  return user.timeZone;
}

/** Saves the person's zone ("" → the organisation's); the audit trail records the before and after. */
export async function saveOwnTimeZone(actor: Actor, input: unknown): Promise<{ timeZone: string | null }> {
  const raw = parseOrThrow(schema, input).timeZone;
  const timeZone = raw === "" ? null : canonicalTimeZone(raw);
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { timeZone: true } });
    await tx.user.update({ where: { id: actor.id }, data: { timeZone } });
    await writeAudit(tx, {
      actor: auditActor(actor),
      action: "user.time-zone",
      entityType: "User",
      entityId: actor.id,
      before,
      after: { timeZone },
    });
  });
  return { timeZone };
}
