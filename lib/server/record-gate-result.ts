import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db";
import type { ChangeRequest } from "@/generated/prisma/client";
import { autoApproval } from "@/lib/domain/auto-approval";
import { parseCrNumber } from "@/lib/domain/cr-number";
import { gateValueError } from "@/lib/domain/readiness";
import { GATE_LABELS } from "@/lib/domain/vocabulary";
import { AppError } from "@/lib/errors";
import { gateResultSchema, manualGateResultSchema } from "@/lib/schemas/emergency";
import { applyTransition } from "./apply-transition";
import { auditActor, writeAudit, type AuditActor } from "./audit";
import { assertTokenScope, tokenLabel, type CiToken } from "./api-tokens";
import { parseOrThrow } from "./change-input";
import { findVisibleChangeOrThrow } from "./change-visibility";
import { assertCan } from "./guard";
import { lockChangeOrThrow } from "./lock-change";
import { policyForChange } from "./policy-store";
import { refreshDeployedCommit } from "./deployed-commit";

export type GateSource = { token: CiToken } | { actor: Actor };

const AUTOMATED_APPROVER: AuditActor = { id: null, label: "CI/CD automated approval" };

const CLOSED_STATES = ["CLOSED", "CANCELLED"];

/** A CR by id or by number (CR-2030-001), as CI pipelines know either. */
export async function findChangeByRefOrThrow(ref: string, tx: Tx | typeof db = db): Promise<ChangeRequest> {
  const n = parseCrNumber(ref);
  const cr = n ? await tx.changeRequest.findUnique({ where: { year_seq: n } }) : await tx.changeRequest.findUnique({ where: { id: ref } });
  if (!cr) throw new AppError("NOT_FOUND", `Unknown change request '${ref}'.`);
  return cr;
}

/**
 * Records one gate result for the version a CR deploys, from CI (token scoped to the CR's service)
 * or from a person with gate:record and an evidence link. Every refusal happens before anything is
 * written. When the result completes a Low-risk CR's gates, the CR is approved automatically in the
 * same transaction, with the token and the results that carried it in the audit trail.
 */
export async function recordGateResult(source: GateSource, crRef: string, input: unknown, now = new Date()) {
  const person = "actor" in source ? source.actor : null;
  if (person) assertCan(person, "gate:record", "Your roles do not allow recording test-gate results.");
  const v = parseOrThrow(person ? manualGateResultSchema : gateResultSchema, input);
  const found = person ? await findVisibleChangeOrThrow(person, crRef) : await findChangeByRefOrThrow(crRef);
  if ("token" in source) assertTokenScope(source.token, found.serviceId);
  const valueError = gateValueError(v.gate, v.value);
  if (valueError) throw new AppError("VALIDATION", valueError, { fields: { value: valueError } });
  const who: AuditActor = person ? auditActor(person) : { id: null, label: tokenLabel((source as { token: CiToken }).token) };
  const tokenId = "token" in source ? source.token.id : null;

  return db.$transaction(async (tx) => {
    const cr = await lockChangeOrThrow(tx, found.id);
    if (CLOSED_STATES.includes(cr.state)) throw new AppError("CONFLICT", `${cr.number} is ${cr.state.toLowerCase()}; it takes no more gate results.`);
    // Results are tied to the version the CR deploys: one for another version is stale.
    if (v.version !== cr.targetVersion) {
      throw new AppError("STALE", `Version ${v.version} is not the version ${cr.number} deploys (${cr.targetVersion}); the result is stale.`, {
        fields: { version: `Must be ${cr.targetVersion}` },
      });
    }
    const result = await tx.gateResult.create({
      data: {
        crId: cr.id,
        gate: v.gate,
        version: v.version,
        passed: v.passed,
        value: v.value,
        evidenceUrl: v.evidenceUrl ?? null,
        details: v.details as object | undefined,
        tokenId,
        reportedById: person?.id ?? null,
        commitSha: v.commitSha ?? null,
        commitTime: v.commitTime ?? null,
        // The result is about the code the change has pinned now; a re-pin makes it stale.
        codeSha256: cr.targetCodeSha256,
        createdAt: now,
      },
    });
    await writeAudit(tx, {
      actor: who,
      action: "gate.recorded",
      entityType: "ChangeRequest",
      entityId: cr.id,
      crId: cr.id,
      after: { gate: GATE_LABELS[v.gate], version: v.version, passed: v.passed, value: v.value, evidenceUrl: v.evidenceUrl, tokenId },
    });
    // A commit reported after the deployment started still moves its lead time (earliest wins).
    if (v.commitTime) await refreshDeployedCommit(tx, cr);
    const approvedBy = await maybeAutoApprove(tx, cr, who, tokenId, now);
    return { result, autoApproved: approvedBy !== null, state: approvedBy?.state ?? cr.state };
  });
}

async function maybeAutoApprove(tx: Tx, cr: ChangeRequest, who: AuditActor, tokenId: string | null, now: Date) {
  const { policy } = await policyForChange(cr.policyVersionId, tx);
  // A requester's own entries cannot approve their change: nobody approves their own change.
  const results = (await tx.gateResult.findMany({ where: { crId: cr.id, version: cr.targetVersion, codeSha256: cr.targetCodeSha256 } })).filter(
    (r) => r.reportedById === null || r.reportedById !== cr.requesterId,
  );
  const verdict = autoApproval(cr, results, policy);
  if (!verdict.approve) return null;
  await tx.approval.create({
    data: { crId: cr.id, userId: null, kind: "AUTOMATED", decision: "APPROVE", roles: [], round: cr.approvalRound, tokenId, createdAt: now, comment: `Gates passed: ${verdict.results.map((r) => GATE_LABELS[r.gate]).join(", ")}` },
  });
  // The approval is CI/CD's, whoever's report completed the gates: the record must not name the
  // person who happened to report last (it may be the requester, who cannot approve their change).
  return applyTransition(tx, who.id === null ? who : AUTOMATED_APPROVER, cr, "approve", "APPROVAL_TALLY", {}, {
    via: "automated approval: policy gates passed",
    completedBy: who.label,
    tokenId,
    gateResults: verdict.results.map((r) => ({ id: r.id, gate: r.gate, version: r.version, passed: r.passed, value: r.value, tokenId: r.tokenId, reportedById: r.reportedById })),
  });
}
