import "server-only";
import { inTx, readDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** The columns of a meeting that decide whether a vote tagged with it was cast while it ran. */
export const MEETING_SPAN = { startedAt: true, closedAt: true, endsAt: true } as const;

/**
 * Locks a CR row for the rest of the transaction and returns it fresh. Votes and gate reports on
 * one CR then run one after another, so the one that completes a tally is sure to see every earlier
 * one and the CR changes state exactly once.
 */
export async function lockChangeOrThrow(tx: Tx, id: string) {
  await inTx(tx, readDb.selectFrom("ChangeRequest").select("id").where("id", "=", id).forUpdate());
  const cr = await tx.changeRequest.findUnique({ where: { id }, include: { approvals: { include: { meeting: { select: MEETING_SPAN } } } } });
  if (!cr) throw new AppError("NOT_FOUND", "Change request not found.");
  return cr;
}
