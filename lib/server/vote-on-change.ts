import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db, inTx, readDb, type Tx } from "@/lib/db";
import { canVote, meetingRunningAt, tallyApprovals, type ApprovalRecord } from "@/lib/domain/approval-tally";
import type { Policy } from "@/lib/domain/policy";
import type { CrAction } from "@/lib/domain/cr-state-machine";
import { CR_STATE_LABELS } from "@/lib/domain/vocabulary";
import { AppError } from "@/lib/errors";
import { voteSchema } from "@/lib/schemas/vote";
import type { Approval, CabMeeting, ChangeRequest, Role } from "@/generated/prisma/client";
import { applyTransition } from "./apply-transition";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { findVisibleChangeOrThrow } from "./change-visibility";
import { assertCan } from "./guard";
import { appendMinutes, voteMinutes } from "./cab-minutes";
import { policyForChange } from "./policy-store";
import { MEETING_SPAN } from "./lock-change";

const NEXT_ACTION: Record<"APPROVED" | "REJECTED" | "DRAFT", CrAction> = {
  APPROVED: "approve",
  REJECTED: "reject",
  DRAFT: "requestChanges",
};

type MeetingTimes = Pick<CabMeeting, "startedAt" | "closedAt" | "endsAt">;

export const toApprovalRecord = (a: Approval & { user?: { name: string } | null; meeting?: MeetingTimes | null }): ApprovalRecord => ({
  userId: a.userId,
  userName: a.user?.name ?? null,
  roles: a.roles,
  kind: a.kind,
  decision: a.decision,
  round: a.round,
  createdAt: a.createdAt,
  meetingId: a.meetingId,
  meeting: a.meeting ? { startedAt: a.meeting.startedAt, closedAt: a.meeting.closedAt, endsAt: a.meeting.endsAt } : null,
  tokenId: a.tokenId,
  comment: a.comment,
});

export interface VoteResult {
  cr: ChangeRequest;
  /** False when the same person repeated the same decision: nothing was written. */
  recorded: boolean;
  /** The state the vote moved the CR to, if it was the deciding vote. */
  transitioned: ChangeRequest["state"] | null;
}

/** A vote tagged with a meeting is an in-meeting vote: only while that meeting is running. */
export async function assertMeetingRunning(tx: Tx, meetingId: string, cr: ChangeRequest, policy: Policy, now: Date, opts: { retrospective?: boolean } = {}) {
  const meeting = await tx.cabMeeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new AppError("NOT_FOUND", "That CAB meeting does not exist.");
  if (meeting.status === "CLOSED") throw new AppError("CONFLICT", "This CAB meeting is closed; votes are no longer taken here.");
  if (meeting.status !== "IN_PROGRESS" || !meetingRunningAt(meeting, now, policy)) {
    throw new AppError("CONFLICT", "This CAB meeting is not running now; in-meeting votes are cast while it runs. Vote on the change's page instead (out-of-meeting votes follow the stricter count).");
  }
  // Emergency changes come up for retrospective approval at whichever meeting runs next.
  if (!opts.retrospective && cr.cabMeetingId !== meetingId) {
    throw new AppError("CONFLICT", `${cr.number} is not on this meeting's agenda; vote on it at its own meeting or on its page.`);
  }
}

/**
 * Records a CAB or CTO vote (approve / reject / request changes) and, when it decides the matter,
 * moves the CR. The CR row is locked first, so concurrent votes are tallied one after another: each
 * sees every vote committed before it, and exactly one of them applies the transition (which is
 * itself conditional on state and version). A person's latest vote replaces their earlier one.
 * `via` names where the click came from when not the portal (a Slack button), for the audit.
 */
export async function voteOnChange(actor: Actor, input: unknown, now = new Date(), opts: { via?: "Slack" } = {}): Promise<VoteResult> {
  assertCan(actor, "change:vote");
  const vote = parseOrThrow(voteSchema, input);
  await findVisibleChangeOrThrow(actor, vote.crId);

  return db.$transaction(
    async (tx) => {
      await inTx(tx, readDb.selectFrom("ChangeRequest").select("id").where("id", "=", vote.crId).forUpdate());
      const cr = await tx.changeRequest.findUniqueOrThrow({ where: { id: vote.crId } });
      const { policy } = await policyForChange(cr.policyVersionId, tx);
      if (vote.meetingId) await assertMeetingRunning(tx, vote.meetingId, cr, policy, now);
      // Existing votes are not passed: changing one's vote is allowed (latest wins); repeats are no-ops below.
      const refusal = canVote({ id: actor.id, roles: actor.roles }, cr, "STANDARD", policy);
      if (refusal) throw new AppError("FORBIDDEN", refusal);

      const key = { crId_userId_round_kind: { crId: cr.id, userId: actor.id, round: cr.approvalRound, kind: "STANDARD" as const } };
      const previous = await tx.approval.findUnique({ where: key });
      if (previous && previous.decision === vote.decision && (previous.comment ?? "") === vote.comment && previous.meetingId === vote.meetingId) {
        return { cr, recorded: false, transitioned: null };
      }
      const data = { decision: vote.decision, comment: vote.comment || null, roles: [...actor.roles] as Role[], meetingId: vote.meetingId, createdAt: now };
      await tx.approval.upsert({
        where: key,
        create: { crId: cr.id, userId: actor.id, round: cr.approvalRound, kind: "STANDARD", ...data },
        update: data,
      });
      if (vote.meetingId) {
        await tx.cabAttendance.createMany({ data: [{ meetingId: vote.meetingId, userId: actor.id, at: now }], skipDuplicates: true });
        await appendMinutes(tx, vote.meetingId, now, voteMinutes(actor, vote.decision, cr, vote.comment));
      }
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: `approval.${vote.decision.toLowerCase()}`,
        entityType: "ChangeRequest",
        entityId: cr.id,
        crId: cr.id,
        before: previous ? { decision: previous.decision, comment: previous.comment } : undefined,
        after: { decision: vote.decision, comment: vote.comment || undefined, round: cr.approvalRound, meetingId: vote.meetingId ?? undefined, roles: actor.roles, via: opts.via },
      });

      const records = await tx.approval.findMany({
        where: { crId: cr.id, round: cr.approvalRound },
        include: { user: { select: { name: true } }, meeting: { select: MEETING_SPAN } },
      });
      const tally = tallyApprovals(cr, records.map(toApprovalRecord), policy);
      if (!tally.nextState) return { cr, recorded: true, transitioned: null };
      const reason =
        tally.nextState === "REJECTED" ? (tally.blockingRejection ? "rejected by the CTO" : "rejected by the CAB") : undefined;
      const updated = await applyTransition(tx, actor, cr, NEXT_ACTION[tally.nextState], "APPROVAL_TALLY", {}, { reason, round: cr.approvalRound });
      if (vote.meetingId) await appendMinutes(tx, vote.meetingId, now, `Decision: ${cr.number} is ${CR_STATE_LABELS[updated.state]}${reason ? ` (${reason})` : ""}.`);
      return { cr: updated, recorded: true, transitioned: updated.state };
    },
    { maxWait: 20_000, timeout: 30_000 },
  );
}
