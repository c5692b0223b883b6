import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db";
import { meetingForSubmission } from "@/lib/domain/cab-schedule";
import type { ChangeRequest } from "@/generated/prisma/client";
import type { TransitionAuthority } from "@/lib/domain/cr-state-machine";
import { applyTransition } from "./apply-transition";
import { ensureMeeting } from "./cab-meetings";
import { getActivePolicy, type ActivePolicy } from "./policy-store";
import { assertPinFits, pinFlag, pinTarget, type FlagPin, type TargetPin } from "./target-pin";

export interface SubmissionPins {
  policy: ActivePolicy;
  meetingId: string;
  meetingStartsAt: Date;
  /** The code the change ships, read from Lambda (a flag change: the flag's parameter version). */
  target: TargetPin | FlagPin;
}

/**
 * The policy version, CAB meeting and target code a submission at `now` gets, resolved outside the
 * caller's transaction (the Lambda read must not hold locks, and the CR-number section stays short
 * under concurrent submits).
 */
export async function resolveSubmission(now: Date, target: { serviceId: string; targetVersion: string; strategy?: string; flagId?: string | null }): Promise<SubmissionPins> {
  const pin = target.flagId ? await pinFlag(target.flagId) : await pinTarget(target);
  const policy = await getActivePolicy();
  const meeting = await ensureMeeting(db, meetingForSubmission(now, policy.policy));
  return { policy, meetingId: meeting.id, meetingStartsAt: meeting.startsAt, target: pin };
}

/**
 * Submits a CR (first submit or resubmit): records the submission time, pins the policy version in
 * force (the CR is judged by it from now on) and puts the CR on the agenda of the CAB meeting whose
 * cut-off it makes. Every path that submits comes through here, so none can skip either.
 * A resubmission starts a new approval round: votes cast on the earlier submission (including the
 * request for changes that sent it back) no longer count.
 */
export async function submitInTransaction(
  tx: Tx,
  actor: Actor,
  cr: ChangeRequest,
  now: Date,
  pins: SubmissionPins,
  by: TransitionAuthority | readonly TransitionAuthority[],
): Promise<ChangeRequest> {
  assertPinFits(pins.target, cr);
  return applyTransition(
    tx,
    actor,
    cr,
    "submit",
    by,
    {
      submittedAt: now,
      policyVersionId: pins.policy.id,
      cabMeetingId: pins.meetingId,
      ...("flagId" in pins.target ? { flagBaseVersion: pins.target.baseVersion } : { targetCodeSha256: pins.target.codeSha256 }),
      ...(cr.submittedAt ? { approvalRound: { increment: 1 } } : {}),
    },
    { policyVersion: pins.policy.version, cabMeetingStartsAt: pins.meetingStartsAt.toISOString(), pinned: "flagId" in pins.target ? { flagVersion: pins.target.baseVersion } : { codeSha256: pins.target.codeSha256 } },
  );
}
