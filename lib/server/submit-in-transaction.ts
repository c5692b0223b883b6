import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import type { ChangeRequest } from "@/generated/prisma/client";
import { applyTransition } from "./apply-transition";

/**
 * Submits a CR (first submit or resubmit): records the submission time. The approval-matrix work
 * pins the policy version and assigns the CAB meeting here, so every path that submits does both.
 */
export async function submitInTransaction(tx: Tx, actor: Actor, cr: ChangeRequest, now: Date): Promise<ChangeRequest> {
  return applyTransition(tx, actor, cr, "submit", { submittedAt: now });
}
