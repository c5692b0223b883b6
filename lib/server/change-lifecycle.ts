import "server-only";
import { z } from "zod";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { CR_ACTIONS, personAuthorities, transition } from "@/lib/domain/cr-state-machine";
import { AppError } from "@/lib/errors";
import { changeRequestSchema } from "@/lib/schemas/change-request";
import { applyTransition } from "./apply-transition";
import { parseOrThrow } from "./change-input";
import { findVisibleChangeOrThrow } from "./change-visibility";
import { getActivePolicy } from "./policy-store";
import { assertPlannedWindowAllowed } from "./planned-window-check";
import { resolveSubmission, submitInTransaction, type SubmissionPins } from "./submit-in-transaction";
import { changeToFormValues } from "./change-form-values";
import { approveIfLowRisk } from "./propose-flag-change";

// Any action name may arrive from a client; the state machine decides whether this person's
// authority over this change allows it (approve, deploy, roll back are never a person's to name).
const lifecycleSchema = z.object({
  id: z.string().min(1),
  version: z.coerce.number().int().min(1),
  action: z.enum(CR_ACTIONS, { error: "Unknown action" }),
});

/** What the person may do to the change's lifecycle: the page's buttons and the service ask this. */
export function lifecycleAuthorities(actor: Actor, cr: { requesterId: string }) {
  return personAuthorities({ id: actor.id, mayAdminister: can(actor, "change:administer") }, cr);
}

/** The requester's (or an admin's) lifecycle moves: submit, cancel, reopen, close. */
export async function changeLifecycle(actor: Actor, input: unknown, now = new Date()) {
  const { id, version, action } = parseOrThrow(lifecycleSchema, input);
  const cr = await findVisibleChangeOrThrow(actor, id);
  const by = lifecycleAuthorities(actor, cr);
  const allowed = transition(cr.state, action, by);
  if (!allowed.ok) throw new AppError(allowed.refused === "authority" ? "FORBIDDEN" : "ILLEGAL_TRANSITION", allowed.message);
  if (cr.version !== version) {
    throw new AppError("STALE", `${cr.number} changed since you loaded it. Reload to see the latest and try again.`);
  }
  let pins: SubmissionPins | undefined;
  if (action === "submit") {
    // A draft may be incomplete; submitting needs everything the full form requires (a flag change
    // is complete by construction: its proposal was checked when it was made).
    // A change a pipeline opened predates the template's later fields (description, monitoring plan,
    // step timings) and stays judged as CI files it.
    if (!cr.flagId) {
      const { policy } = await getActivePolicy();
      parseOrThrow(changeRequestSchema(() => now, policy, undefined, { complete: !cr.createdByTokenId }), changeToFormValues(cr));
      if (!cr.emergency) await assertPlannedWindowAllowed(policy, { risk: cr.risk, start: cr.windowStart, durationMin: cr.windowDurationMin });
    }
    pins = await resolveSubmission(now, cr);
  }
  return db.$transaction(async (tx) => {
    const fresh = await tx.changeRequest.findUniqueOrThrow({ where: { id } });
    if (pins) return approveIfLowRisk(tx, await submitInTransaction(tx, actor, fresh, now, pins, by), pins.policy.policy, now);
    return applyTransition(tx, actor, fresh, action, by);
  });
}
