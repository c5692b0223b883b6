import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { findVisibleChangeOrThrow } from "./change-visibility";

const CONFIRMABLE = ["SUBMITTED", "APPROVED", "SCHEDULED"];

/**
 * The CR's on-call engineer says "I am here for this deploy" (High risk needs it). Only that person
 * can say it; the policy decides how long the confirmation stays valid (readiness checks the age).
 */
export async function confirmOnCall(actor: Actor, input: unknown, now = new Date()) {
  const { id } = parseOrThrow(z.object({ id: z.string().min(1) }), input);
  const cr = await findVisibleChangeOrThrow(actor, id);
  if (cr.onCallUserId !== actor.id) throw new AppError("FORBIDDEN", "Only the change's on-call engineer can confirm their presence.");
  if (!CONFIRMABLE.includes(cr.state)) throw new AppError("ILLEGAL_TRANSITION", "Presence is confirmed for a change that is submitted, approved or scheduled.");
  return db.$transaction(async (tx) => {
    const updated = await tx.changeRequest.update({ where: { id }, data: { onCallConfirmedAt: now } });
    await writeAudit(tx, {
      actor: auditActor(actor),
      action: "change.onCallConfirmed",
      entityType: "ChangeRequest",
      entityId: id,
      crId: id,
      before: { onCallConfirmedAt: cr.onCallConfirmedAt },
      after: { onCallConfirmedAt: now },
    });
    return updated;
  });
}
