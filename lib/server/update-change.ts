import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { EDITABLE_STATES } from "@/lib/domain/cr-state-machine";
import { materialChanges } from "@/lib/domain/material-change";
import { CR_STATE_LABELS } from "@/lib/domain/vocabulary";
import { AppError } from "@/lib/errors";
import { changeRequestSchema, draftSchema } from "@/lib/schemas/change-request";
import { applyTransition } from "./apply-transition";
import { auditActor, writeAudit } from "./audit";
import { assertReferencesExist, parseOrThrow, toChangeColumns } from "./change-input";
import { findVisibleChangeOrThrow } from "./change-visibility";
import { getActivePolicy, policyForChange } from "./policy-store";
import { assertPlannedWindowAllowed } from "./planned-window-check";
import { lifecycleAuthorities } from "./change-lifecycle";
import { resolveSubmission, submitInTransaction } from "./submit-in-transaction";
import { pinTarget } from "./target-pin";

const envelope = z.object({
  id: z.string().min(1, "Missing change id"),
  version: z.coerce.number().int().min(1, "Missing version"),
  submit: z.boolean().optional(),
});

/**
 * Saves edits to a CR. The form sends the version it loaded; if the CR changed since, the save is
 * refused (nothing written) and the user keeps their edits. Editing the target, risk or plan after
 * submission voids the approvals given so far.
 */
export async function updateChange(actor: Actor, input: unknown, now = new Date()) {
  const { id, version, submit } = parseOrThrow(envelope, input);
  const cr = await findVisibleChangeOrThrow(actor, id);
  const by = lifecycleAuthorities(actor, cr);
  if (by.length === 0) throw new AppError("FORBIDDEN", "Only the requester (or an admin) can edit this change request.");
  if (cr.flagId) throw new AppError("ILLEGAL_TRANSITION", "A flag change is not edited: cancel it and propose the change you want from the flag's page.");
  if (!EDITABLE_STATES.includes(cr.state)) {
    throw new AppError("ILLEGAL_TRANSITION", `A change that is ${CR_STATE_LABELS[cr.state]} can no longer be edited.`);
  }
  const full = submit || cr.state !== "DRAFT";
  const { policy } = await getActivePolicy();
  const fields = parseOrThrow(full ? changeRequestSchema(() => now, policy) : draftSchema, input);
  const columns = toChangeColumns(fields, policy);
  // Submitting, or moving a submitted change's window or risk (which sends it back for approval),
  // checks the planned window: against the policy it will be judged by, and the freezes.
  const replanned = cr.state !== "DRAFT" && (columns.windowStart.getTime() !== cr.windowStart.getTime() || columns.windowDurationMin !== cr.windowDurationMin || columns.risk !== cr.risk);
  if ((submit && cr.state === "DRAFT") || (replanned && !cr.emergency)) {
    const judgedBy = cr.state === "DRAFT" ? policy : (await policyForChange(cr.policyVersionId)).policy;
    await assertPlannedWindowAllowed(judgedBy, { risk: columns.risk, start: columns.windowStart, durationMin: columns.windowDurationMin });
  }
  // Past draft, what ships is pinned again from Lambda: an edit may not slip unpinned code in.
  const pins = submit && cr.state === "DRAFT" ? await resolveSubmission(now, fields) : null;
  const pin = cr.state !== "DRAFT" ? await pinTarget(fields) : null;

  return db.$transaction(async (tx) => {
    await assertReferencesExist(tx, fields);
    const { count } = await tx.changeRequest.updateMany({
      where: { id, version },
      data: { ...columns, ...(pin ? { targetCodeSha256: pin.codeSha256 } : {}), version: { increment: 1 } },
    });
    if (count === 0) throw await staleError(tx, id);
    let updated = await tx.changeRequest.findUniqueOrThrow({ where: { id } });
    const material = materialChanges(cr, updated);
    // A presence confirmation is for one engineer, one window and one target: any material edit voids it.
    if (material.length > 0 && updated.onCallConfirmedAt) {
      updated = await tx.changeRequest.update({ where: { id }, data: { onCallConfirmedAt: null } });
    }
    await writeAudit(tx, {
      actor: auditActor(actor),
      action: "change.edited",
      entityType: "ChangeRequest",
      entityId: id,
      crId: id,
      before: pick(cr, Object.keys(columns)),
      after: pick(updated, Object.keys(columns)),
    });
    if (material.length > 0 && cr.state !== "DRAFT") {
      updated = await applyTransition(
        tx,
        actor,
        updated,
        "resetApprovals",
        "MATERIAL_EDIT",
        { approvalRound: { increment: 1 } },
        { reason: `edited ${material.join(", ")} after submission` },
      );
    }
    if (pins && updated.state === "DRAFT") updated = await submitInTransaction(tx, actor, updated, now, pins, by);
    return updated;
  });
}

async function staleError(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], id: string) {
  const last = await tx.auditEvent.findFirst({ where: { crId: id }, orderBy: { id: "desc" } });
  const who = last ? `${last.actorLabel} at ${last.at.toISOString().slice(0, 16).replace("T", " ")} UTC` : "someone else";
  return new AppError(
    "STALE",
    `This change request was changed by ${who} after you opened it. Nothing was saved and your edits are still in the form: copy what you need, then reload.`,
  );
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}
