import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { changeRequestSchema, draftSchema } from "@/lib/schemas/change-request";
import { auditActor, writeAudit } from "./audit";
import { assertReferencesExist, parseOrThrow, toChangeColumns } from "./change-input";
import { assertCan } from "./guard";
import { nextCrNumber } from "./next-cr-number";
import { isUniqueViolation } from "./prisma-errors";
import { getActivePolicy } from "./policy-store";
import { assertPlannedWindowAllowed } from "./planned-window-check";
import { resolveSubmission, submitInTransaction } from "./submit-in-transaction";

const requestIdSchema = z.object({ clientRequestId: z.string().uuid().optional() });

// Creations queue on the year's counter row (that is what makes numbers gap-free), so under a burst
// a transaction may wait for several others: give it room instead of Prisma's 2 s default.
const CREATE_TX = { maxWait: 30_000, timeout: 30_000 } as const;

export interface CreateChangeOptions {
  submit: boolean;
  now?: Date;
}

/**
 * Files a change request as a draft, or submits it at once. A repeated request with the same
 * clientRequestId (a double-clicked submit) returns the CR the first one created.
 */
export async function createChange(actor: Actor, input: unknown, opts: CreateChangeOptions) {
  assertCan(actor, "change:create");
  const now = opts.now ?? new Date();
  const { policy } = await getActivePolicy();
  const fields = parseOrThrow(opts.submit ? changeRequestSchema(() => now, policy) : draftSchema, input);
  const { clientRequestId } = parseOrThrow(requestIdSchema, input);

  if (clientRequestId) {
    const existing = await db.changeRequest.findUnique({ where: { clientRequestId } });
    if (existing) {
      if (existing.requesterId !== actor.id) throw new AppError("CONFLICT", "This form was already used by someone else.");
      return existing;
    }
  }

  if (opts.submit) {
    const planned = toChangeColumns(fields, policy);
    await assertPlannedWindowAllowed(policy, { risk: planned.risk, start: planned.windowStart, durationMin: planned.windowDurationMin });
  }
  const pins = opts.submit ? await resolveSubmission(now, fields) : undefined;
  try {
    return await db.$transaction(async (tx) => {
      await assertReferencesExist(tx, fields);
      const { year, seq, number } = await nextCrNumber(tx, now.getUTCFullYear());
      const cr = await tx.changeRequest.create({
        data: {
          ...toChangeColumns(fields, policy),
          number,
          year,
          seq,
          clientRequestId,
          requesterId: actor.id,
          state: "DRAFT",
          createdAt: now,
        },
      });
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: "change.created",
        entityType: "ChangeRequest",
        entityId: cr.id,
        crId: cr.id,
        after: cr,
      });
      if (pins) return submitInTransaction(tx, actor, cr, now, pins, "REQUESTER");
      return cr;
    }, CREATE_TX);
  } catch (e) {
    // Two identical submits racing: the unique clientRequestId lets exactly one through.
    if (clientRequestId && isUniqueViolation(e)) {
      const existing = await db.changeRequest.findUnique({ where: { clientRequestId } });
      if (existing) return existing;
    }
    throw e;
  }
}
