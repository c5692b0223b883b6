import "server-only";
import { cache } from "react";
import { db, type Tx } from "@/lib/db";
import { tallyApprovals, type ApprovalTally } from "@/lib/domain/approval-tally";
import type { Policy } from "@/lib/domain/policy";
import { evaluateReadiness, type Readiness, type ReadinessInput } from "@/lib/domain/readiness";
import { AppError } from "@/lib/errors";
import { loadReadinessRow } from "./change-readiness-sql";
import { activePolicyOf, policyForChange } from "./policy-store";

export interface ChangeReadiness {
  /** The change as found (by id or by number). */
  cr: { id: string; number: string; serviceId: string; targetVersion: string };
  /** The answer: `readiness.ready`, else `readiness.missing` with a human message each. */
  readiness: Readiness;
  /** The policy the CR is judged by (pinned at submission) and its version number. */
  policy: Policy;
  policyVersion: number;
  policyVersionId: string;
  /** How the votes add up, for checklists that show who approved. */
  tally: ApprovalTally;
  /** Exactly what evaluateReadiness was given, for callers that need to show the inputs. */
  input: ReadinessInput;
}

/**
 * THE readiness check for one CR: loads everything the pure evaluateReadiness needs (CR, votes,
 * gate results, the pinned policy, incident, freeze windows, a deployment running on the same
 * alias) and calls it. The CR page, the deploy service and the pipeline API all call this, so none
 * can be more lenient than another. The CR is named by id or by number (CR-2026-042). Access control is the caller's job (the API authenticates a
 * token, pages check visibility); this only reads.
 */
export async function getChangeReadiness(crRef: string, now: Date = new Date(), client: Tx | typeof db = db): Promise<ChangeReadiness> {
  // `client` lets the deploy service re-check inside the transaction that creates the deployment.
  const cr = await loadReadinessRow(client, crRef, now);
  if (!cr) throw new AppError("NOT_FOUND", `Unknown change request '${crRef}'.`);
  const pinned = cr.policy ? activePolicyOf(cr.policy) : await policyForChange(null, client);
  const approvals = cr.approvals;
  const input: ReadinessInput = {
    cr: {
      id: cr.id,
      state: cr.state,
      risk: cr.risk,
      requesterId: cr.requesterId,
      approvalRound: cr.approvalRound,
      emergency: cr.emergency,
      targetVersion: cr.targetVersion,
      targetCodeSha256: cr.targetCodeSha256,
      flagId: cr.flagId,
      flagBaseVersion: cr.flagBaseVersion,
      onCallUserId: cr.onCallUserId,
      onCallConfirmedAt: cr.onCallConfirmedAt,
      windowStart: cr.windowStart,
      windowDurationMin: cr.windowDurationMin,
      windowTimeZone: cr.windowTimeZone,
    },
    approvals,
    gateResults: cr.gateResults,
    policy: pinned.policy,
    incident: cr.incident,
    freezeWindows: cr.freezeWindows,
    now,
    deployment: cr.deployment,
  };
  return {
    cr: { id: cr.id, number: cr.number, serviceId: cr.serviceId, targetVersion: cr.targetVersion },
    readiness: evaluateReadiness(input),
    policy: pinned.policy,
    policyVersion: pinned.version,
    policyVersionId: pinned.id,
    tally: tallyApprovals(input.cr, approvals, pinned.policy),
    input,
  };
}

/** For pages: several sections of the CR page show readiness; one read serves them all per request. */
export const getPageReadiness = cache((crId: string) => getChangeReadiness(crId));
