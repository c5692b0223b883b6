import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { canVote, tallyApprovals } from "@/lib/domain/approval-tally";
import { AppError } from "@/lib/errors";
import { retrospectiveVoteSchema } from "@/lib/schemas/emergency";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";
import { appendMinutes, voteMinutes } from "./cab-minutes";
import { addIncidentEntry } from "./incidents";
import { lockChangeOrThrow, MEETING_SPAN } from "./lock-change";
import { assertMeetingRunning } from "./vote-on-change";
import { policyForChange } from "./policy-store";
import { isUniqueViolation } from "./prisma-errors";

/**
 * A CAB member's retrospective vote on an emergency change. When the votes reach the policy's CAB
 * rule (tallyApprovals' retrospective outcome), retroStatus becomes APPROVED or REJECTED and the
 * change stops being flagged. The CR row is locked so the deciding vote sees all earlier ones.
 */
export async function castRetrospectiveVote(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "change:retro-vote", "Only CAB members vote on the retrospective approval.");
  const v = parseOrThrow(retrospectiveVoteSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const cr = await lockChangeOrThrow(tx, v.crId);
      const { policy } = await policyForChange(cr.policyVersionId, tx);
      const refusal = canVote(actor, cr, "RETROSPECTIVE", policy, cr.approvals);
      if (refusal) throw new AppError("FORBIDDEN", refusal);
      if (v.meetingId) await assertMeetingRunning(tx, v.meetingId, cr, policy, now, { retrospective: true });
      const vote = await tx.approval.create({
        data: {
          crId: cr.id,
          userId: actor.id,
          kind: "RETROSPECTIVE",
          decision: v.decision,
          comment: v.comment || null,
          roles: [...actor.roles],
          round: cr.approvalRound,
          meetingId: v.meetingId ?? null,
          createdAt: now,
        },
        include: { meeting: { select: MEETING_SPAN } },
      });
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: "change.retrospective-vote",
        entityType: "ChangeRequest",
        entityId: cr.id,
        crId: cr.id,
        after: { decision: v.decision, comment: v.comment || null, meetingId: v.meetingId ?? null },
      });
      if (v.meetingId) await appendMinutes(tx, v.meetingId, now, voteMinutes(actor, v.decision, cr, v.comment, true));
      const tally = tallyApprovals(cr, [...cr.approvals, vote], policy);
      const outcome = tally.retrospective.outcome;
      if (outcome !== "APPROVED" && outcome !== "REJECTED") return { retroStatus: cr.retroStatus, outcome };
      await tx.changeRequest.update({ where: { id: cr.id }, data: { retroStatus: outcome, version: { increment: 1 } } });
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: "change.retrospective-decided",
        entityType: "ChangeRequest",
        entityId: cr.id,
        crId: cr.id,
        before: { retroStatus: cr.retroStatus },
        after: { retroStatus: outcome, voters: tally.retrospective.votes.map((x) => x.userName ?? x.userId) },
      });
      if (v.meetingId) {
        await appendMinutes(tx, v.meetingId, now, `Decision: the CAB ${outcome === "APPROVED" ? "approved" : "rejected"} emergency change ${cr.number} retrospectively.`);
      }
      if (cr.incidentId) {
        const word = outcome === "APPROVED" ? "approved" : "rejected";
        await addIncidentEntry(tx, cr.incidentId, actor.id, `The CAB ${word} emergency change ${cr.number} retrospectively`, now);
      }
      return { retroStatus: outcome, outcome };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "You have already voted on this change in this round.");
    throw e;
  }
}
