import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import type { ChangeRequest, Prisma } from "@/generated/prisma/client";
import { transition, type CrAction, type TransitionAuthority } from "@/lib/domain/cr-state-machine";
import { AppError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "./audit";
import { notifyChangeMoved } from "./change-notices";

/**
 * Moves a CR through the state machine inside the caller's transaction. The update is conditional
 * on the state and version the caller read, so two racing transitions cannot both apply.
 * `by` is the authority the calling service acts under (see TRANSITION_AUTHORITIES): the tally for
 * a vote, the gate for a deploy; a service can only make the moves its authority allows.
 */
export async function applyTransition(
  tx: Tx,
  actor: Actor | AuditActor,
  cr: ChangeRequest,
  action: CrAction,
  by: TransitionAuthority | readonly TransitionAuthority[],
  extra: Prisma.ChangeRequestUncheckedUpdateManyInput = {},
  note?: Record<string, unknown>,
): Promise<ChangeRequest> {
  const result = transition(cr.state, action, typeof by === "string" ? [by] : by);
  if (!result.ok) throw new AppError(result.refused === "authority" ? "FORBIDDEN" : "ILLEGAL_TRANSITION", result.message);
  const { count } = await tx.changeRequest.updateMany({
    where: { id: cr.id, state: cr.state, version: cr.version },
    data: { ...extra, state: result.to, version: { increment: 1 } },
  });
  if (count === 0) {
    throw new AppError("STALE", `${cr.number} was changed by someone else a moment ago. Reload and try again.`);
  }
  const updated = await tx.changeRequest.findUniqueOrThrow({ where: { id: cr.id } });
  const auditor = "label" in actor ? actor : { id: actor.id, label: actor.name };
  await writeAudit(tx, {
    actor: auditor,
    action: `change.${action}`,
    entityType: "ChangeRequest",
    entityId: cr.id,
    crId: cr.id,
    before: { state: cr.state },
    after: { state: updated.state, ...note },
  });
  await notifyChangeMoved(tx, updated, action, auditor.id);
  return updated;
}
