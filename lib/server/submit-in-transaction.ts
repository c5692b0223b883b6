import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db";
import { meetingForSubmission } from "@/lib/domain/cab-schedule";
import type { ChangeRequest } from "@/generated/prisma/client";
import { applyTransition } from "./apply-transition";
import { ensureMeeting } from "./cab-meetings";
import { getActivePolicy, type ActivePolicy } from "./policy-store";

export interface SubmissionPins {
  policy: ActivePolicy;
  meetingId: string;
  meetingStartsAt: Date;
}

/**
 * The policy version and CAB meeting a submission at `now` gets, resolved outside the caller's
 * transaction so the (locked) CR-number section stays short under concurrent submits.
 */
export async function resolveSubmission(now: Date): Promise<SubmissionPins> {
  const policy = await getActivePolicy();
  const meeting = await ensureMeeting(db, meetingForSubmission(now, policy.policy));
  return { policy, meetingId: meeting.id, meetingStartsAt: meeting.startsAt };
}

/**
 * Submits a CR (first submit or resubmit): records the submission time, pins the policy version in
 * force (the CR is judged by it from now on) and puts the CR on the agenda of the CAB meeting whose
 * cut-off it makes. Every path that submits comes through here, so none can skip either.
 * A resubmission starts a new approval round: votes cast on the earlier submission (including the
 * request for changes that sent it back) no longer count.
 */
export async function submitInTransaction(tx: Tx, actor: Actor, cr: ChangeRequest, now: Date, pins?: SubmissionPins): Promise<ChangeRequest> {
  const active = pins?.policy ?? (await getActivePolicy(tx));
  const meeting = pins
    ? { id: pins.meetingId, startsAt: pins.meetingStartsAt }
    : await ensureMeeting(tx, meetingForSubmission(now, active.policy));
  return applyTransition(
    tx,
    actor,
    cr,
    "submit",
    {
      submittedAt: now,
      policyVersionId: active.id,
      cabMeetingId: meeting.id,
      ...(cr.submittedAt ? { approvalRound: { increment: 1 } } : {}),
    },
    { policyVersion: active.version, cabMeetingStartsAt: meeting.startsAt.toISOString() },
  );
}
