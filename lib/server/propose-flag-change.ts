import "server-only";
// A flag change is a change request: turning a flag on, raising its percentage or widening its
// allowlist is filed with the flag's risk, goes through the same approval matrix as a deploy (CAB,
// CTO, windows, on-call, freezes) and is applied through the production gate. Low risk is approved
// automatically: no test gates apply to a flag, the code behind it passed them when it deployed.
// Turning a flag off is not proposed: it is the kill switch (kill-flag.ts).
import type { Actor } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db";
import type { ChangeRequest } from "@/generated/prisma/client";
import { describeFlag, flagDirection, flagTargetSchema, parameterTooLarge, rolloutSteps, toParameterValue, type FlagConfig } from "@/lib/domain/flag-config";
import type { Policy } from "@/lib/domain/policy";
import { AppError } from "@/lib/errors";
import { proposeFlagSchema } from "@/lib/schemas/flag";
import { applyTransition } from "./apply-transition";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";
import { nextCrNumber } from "./next-cr-number";
import { getActivePolicy } from "./policy-store";
import { resolveSubmission, submitInTransaction } from "./submit-in-transaction";

const CREATE_TX = { maxWait: 30_000, timeout: 30_000 } as const;

export async function proposeFlagChange(actor: Actor, input: unknown, now = new Date()): Promise<ChangeRequest> {
  assertCan(actor, "change:create", "Your roles do not allow proposing flag changes.");
  const v = parseOrThrow(proposeFlagSchema, input);
  const flag = await db.featureFlag.findUnique({ where: { id: v.flagId }, include: { service: true } });
  if (!flag || flag.archived) throw new AppError("NOT_FOUND", "Flag not found.");
  const { policy } = await getActivePolicy();
  const target = parseOrThrow(flagTargetSchema(policy.flags.integerPercentages), v.target);
  const current: FlagConfig = { enabled: flag.enabled, percentage: flag.percentage, allowlist: flag.allowlist };
  const to: FlagConfig = { enabled: target.enabled, percentage: target.percentage, allowlist: target.allowlist };
  const direction = flagDirection(current, to);
  if (direction === "NONE") throw new AppError("VALIDATION", `Flag ${flag.name} is already ${describeFlag(current)}.`, { fields: { target: "Nothing would change" } });
  if (direction === "KILL") throw new AppError("VALIDATION", "Turning a flag off is the kill switch: use it on the flag's page, at once.", { fields: { target: "Use the kill switch" } });
  const value = toParameterValue(to, { description: flag.description, stickiness: flag.stickiness, createdAt: flag.createdAt, createdBy: flag.createdBy });
  if (parameterTooLarge(value)) throw new AppError("VALIDATION", "The flag's value would exceed SSM's 4 KB standard-tier limit: shorten the allowlist.", { fields: { "target.allowlist": "Too large for SSM" } });
  // Pins the flag's parameter version (refusing a flag changed outside Changegate), the policy and the meeting.
  const pins = await resolveSubmission(now, { serviceId: flag.serviceId, targetVersion: "", flagId: flag.id });

  return db.$transaction(async (tx) => {
    const { year, seq, number } = await nextCrNumber(tx, now.getUTCFullYear());
    const steps = rolloutSteps(target);
    const cr = await tx.changeRequest.create({
      data: {
        number,
        year,
        seq,
        state: "DRAFT",
        summary: v.summary || `Flag ${flag.name}: ${describeFlag(current)} → ${describeFlag(to)}`,
        type: "FEATURE",
        risk: flag.risk,
        servicesAffected: flag.service.name,
        usersAffected: `Users of ${flag.service.name} who reach the flag: ${describeFlag(to)}`,
        downtimeRequired: false,
        rollbackPlan: `Back to ${describeFlag(current)}: automatically when a gate breaches during the rollout, or the kill switch at any time.`,
        rollbackProcedure: `Kill switch on the flag's page (publishes "enabled": false to ${flag.parameterName}).`,
        implementationSteps: steps.map((s) => `Publish ${s.percentage} %${s.holdMinutes ? ` and hold ${s.holdMinutes} min while the gates watch` : ""}`),
        windowStart: now,
        windowDurationMin: Math.max(30, steps.reduce((m, s) => m + s.holdMinutes, 0)),
        windowTimeZone: policy.timeZone,
        onCallUserId: flag.service.onCallUserId ?? actor.id,
        serviceId: flag.serviceId,
        targetVersion: "",
        strategy: "FLAG_ROLLOUT",
        riskJustification: v.justification,
        requesterId: actor.id,
        flagId: flag.id,
        flagTarget: target as object,
      },
    });
    await writeAudit(tx, { actor: auditActor(actor), action: "change.created", entityType: "ChangeRequest", entityId: cr.id, crId: cr.id, after: { flag: flag.name, from: current, to: target } });
    const submitted = await submitInTransaction(tx, actor, cr, now, pins, "REQUESTER");
    return approveIfLowRisk(tx, submitted, pins.policy.policy, now);
  }, CREATE_TX);
}

/**
 * A flag change whose risk the policy approves automatically is approved at once on submission (no
 * test gates apply to a flag): CI/CD's automated approval, recorded as such. Every submission of a
 * flag change comes through here (a proposal, a resubmission after rework).
 */
export async function approveIfLowRisk(tx: Tx, cr: ChangeRequest, policy: Policy, now: Date) {
  if (!cr.flagId || cr.state !== "SUBMITTED" || !policy.rules[cr.risk].approvals.every((a) => a === "AUTOMATED")) return cr;
  await tx.approval.create({
    data: { crId: cr.id, userId: null, kind: "AUTOMATED", decision: "APPROVE", roles: [], round: cr.approvalRound, createdAt: now, comment: "Low-risk flag change: approved automatically (no test gates apply to a flag)" },
  });
  return applyTransition(tx, { id: null, label: "CI/CD automated approval" }, cr, "approve", "APPROVAL_TALLY", {}, { via: "automated approval: Low-risk flag change", target: cr.flagTarget });
}
