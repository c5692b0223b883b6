import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { CrAction } from "@/lib/domain/cr-state-machine";
import { AppError } from "@/lib/errors";
import { changeRequestSchema } from "@/lib/schemas/change-request";
import { applyTransition } from "./apply-transition";
import { parseOrThrow } from "./change-input";
import { findVisibleChangeOrThrow } from "./change-visibility";
import { getActivePolicy } from "./policy-store";
import { submitInTransaction } from "./submit-in-transaction";
import { changeToFormValues } from "./change-form-values";

const ref = z.object({ id: z.string().min(1), version: z.coerce.number().int().min(1) });

// Lifecycle moves the requester makes on their own CR. Approvals, deploys and rollbacks have their
// own services because they check more than ownership.
const REQUESTER_ACTIONS = { submit: true, cancel: true, reopen: true, close: true } as const;
export type LifecycleAction = keyof typeof REQUESTER_ACTIONS;

export async function changeLifecycle(actor: Actor, action: LifecycleAction, input: unknown, now = new Date()) {
  const { id, version } = parseOrThrow(ref, input);
  const cr = await findVisibleChangeOrThrow(actor, id);
  const isAdmin = actor.roles.includes("ADMIN");
  if (cr.requesterId !== actor.id && !isAdmin) {
    throw new AppError("FORBIDDEN", "Only the requester (or an admin) can do this to a change request.");
  }
  if (cr.version !== version) {
    throw new AppError("STALE", `${cr.number} changed since you loaded it. Reload to see the latest and try again.`);
  }
  if (action === "submit") {
    // A draft may be incomplete; submitting needs everything the full form requires.
    parseOrThrow(changeRequestSchema(() => now, (await getActivePolicy()).policy), changeToFormValues(cr));
  }
  return db.$transaction(async (tx) => {
    const fresh = await tx.changeRequest.findUniqueOrThrow({ where: { id } });
    if (action === "submit") return submitInTransaction(tx, actor, fresh, now);
    return applyTransition(tx, actor, fresh, action satisfies CrAction);
  });
}
