import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { sql, type RawBuilder } from "kysely";
import type { Prisma } from "@/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Drafts are private to their requester (and admins); everything submitted is visible to every
// signed-in colleague, as a change calendar must be. A CR the actor may not see is "not found",
// so its existence is not revealed.
const seesAllDrafts = (actor: Actor) => can(actor, "change:administer");

export function visibleChangesWhere(actor: Actor): Prisma.ChangeRequestWhereInput {
  if (seesAllDrafts(actor)) return {};
  return { OR: [{ state: { not: "DRAFT" } }, { requesterId: actor.id }] };
}

/** The same rule as SQL, for readDb queries; `c` is the change request's alias there. */
export function visibleChangesExpr(actor: Actor): RawBuilder<boolean> {
  if (seesAllDrafts(actor)) return sql<boolean>`TRUE`;
  return sql<boolean>`(c.state <> 'DRAFT' OR c."requesterId" = ${actor.id})`;
}

export const NOT_FOUND_MESSAGE = "Change request not found, or you may not see it.";

/** The same rule as visibleChangesWhere, for a row already loaded. */
export function isVisibleTo(actor: Actor, cr: { state: string; requesterId: string }): boolean {
  return seesAllDrafts(actor) || cr.state !== "DRAFT" || cr.requesterId === actor.id;
}

export async function findVisibleChangeOrThrow(actor: Actor, id: string, tx: Tx | typeof db = db) {
  const cr = await tx.changeRequest.findFirst({ where: { AND: [{ id }, visibleChangesWhere(actor)] } });
  if (!cr) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return cr;
}
