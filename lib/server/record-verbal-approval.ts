import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { canVote } from "@/lib/domain/approval-tally";
import { formatInZone, localToInstant } from "@/lib/domain/local-time";
import { verbalApprovalTimeProblem } from "@/lib/domain/verbal-approval";
import { AppError } from "@/lib/errors";
import { verbalApprovalSchema } from "@/lib/schemas/emergency";
import { applyTransition } from "./apply-transition";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";
import { addIncidentEntry } from "./incidents";
import { lockChangeOrThrow } from "./lock-change";
import { policyForChange } from "./policy-store";
import { isUniqueViolation } from "./prisma-errors";
import { resolveSubmission, submitInTransaction } from "./submit-in-transaction";

/**
 * Records the engineering manager's verbal approval of an emergency change (who, when, what was
 * said), approves the CR, and writes it on the incident timeline — all in one transaction.
 * Only an engineering manager may record it, and never for their own change.
 */
export async function recordVerbalApproval(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "change:verbal-approve");
  const v = parseOrThrow(verbalApprovalSchema, input);
  const target = await db.changeRequest.findUnique({ where: { id: v.crId } });
  // An emergency draft is submitted by its verbal approval: pin its code first, outside the transaction.
  const pins = target?.state === "DRAFT" ? await resolveSubmission(now, target) : null;
  try {
    return await db.$transaction(async (tx) => {
      const cr = await lockChangeOrThrow(tx, v.crId);
      const { policy } = await policyForChange(cr.policyVersionId, tx);
      const refusal = canVote(actor, cr, "VERBAL_EMERGENCY", policy, cr.approvals);
      if (refusal) throw new AppError("FORBIDDEN", refusal);
      const approvedAt = localToInstant(v.approvedAt.slice(0, 16), policy.timeZone);
      if (!approvedAt) throw new AppError("VALIDATION", "That time does not exist in the organisation's time zone.", { fields: { approvedAt: "Time does not exist (daylight-saving change)" } });
      // The manager approved a fix for this incident: not before anyone knew of it, and not in the future.
      const incident = cr.incidentId ? await tx.incident.findUnique({ where: { id: cr.incidentId } }) : null;
      const problem = verbalApprovalTimeProblem(approvedAt, incident?.declaredAt, now);
      if (problem === "FUTURE") {
        throw new AppError("VALIDATION", "The verbal approval cannot be in the future.", { fields: { approvedAt: "Cannot be in the future" } });
      }
      if (problem === "BEFORE_INCIDENT") {
        const declared = formatInZone(incident!.declaredAt, policy.timeZone);
        throw new AppError("VALIDATION", `The verbal approval cannot predate the incident (declared ${declared}).`, {
          fields: { approvedAt: `Must be after the incident was declared (${declared})` },
        });
      }
      const approval = await tx.approval.create({
        data: {
          crId: cr.id,
          userId: actor.id,
          kind: "VERBAL_EMERGENCY",
          decision: "APPROVE",
          comment: v.approverSaid,
          roles: [...actor.roles],
          round: cr.approvalRound,
          createdAt: approvedAt,
        },
      });
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: "change.verbal-approval",
        entityType: "ChangeRequest",
        entityId: cr.id,
        crId: cr.id,
        after: { approvalId: approval.id, approvedAt, said: v.approverSaid },
      });
      if (cr.state === "DRAFT" && !pins) throw new AppError("STALE", `${cr.number} changed a moment ago. Reload and try again.`);
      const submitted = cr.state === "DRAFT" && pins ? await submitInTransaction(tx, actor, cr, now, pins, "APPROVAL_TALLY") : cr;
      const approved = await applyTransition(tx, actor, submitted, "approve", "APPROVAL_TALLY", {}, { via: "verbal emergency approval" });
      if (cr.incidentId) {
        const when = formatInZone(approvedAt, policy.timeZone);
        await addIncidentEntry(tx, cr.incidentId, actor.id, `${actor.name} gave verbal approval for ${cr.number} at ${when}: “${v.approverSaid}”`, now);
      }
      return approved;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "A verbal approval for this change was recorded a moment ago.");
    throw e;
  }
}
