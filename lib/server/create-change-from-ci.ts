import "server-only";
import { DateTime } from "luxon";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { changeRequestSchema, DEFAULT_RISK_ANSWERS } from "@/lib/schemas/change-request";
import { assertTokenScope, tokenLabel, type CiToken } from "./api-tokens";
import { writeAudit } from "./audit";
import { assertReferencesExist, parseOrThrow, toChangeColumns } from "./change-input";
import { nextCrNumber } from "./next-cr-number";
import { getActivePolicy } from "./policy-store";
import { resolveSubmission, submitInTransaction } from "./submit-in-transaction";

const ciExtras = z.object({
  commitSha: z.string().trim().regex(/^[0-9a-f]{7,40}$/i, "commitSha must be a git commit hash").optional(),
  commitTime: z.coerce.date({ error: "commitTime must be an ISO date-time" }).optional(),
  // A hotfix: the id of the deployment (of the same service) this change fixes.
  fixesDeploymentId: z.string({ error: "fixesDeploymentId must be a deployment id" }).trim().min(1, "fixesDeploymentId must be a deployment id").max(100, "fixesDeploymentId is not a deployment id").optional(),
});

/**
 * CI opens a Low-risk CR for a service in its token's scope and submits it; it is then approved
 * automatically once its gates pass (record-gate-result). Fields are the CR form's; what a pipeline
 * rarely knows (window, on-call, time zone) defaults to "now", the service's on-call, the org zone.
 */
export async function createChangeFromCi(token: CiToken, input: unknown, now = new Date()) {
  const body = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  if (body.risk !== undefined && body.risk !== "LOW") {
    throw new AppError("VALIDATION", "CI may only open Low-risk changes; file Medium and High ones in the portal.", { fields: { risk: "Must be LOW" } });
  }
  const serviceId = typeof body.serviceId === "string" ? body.serviceId : "";
  const service = serviceId ? await db.service.findUnique({ where: { id: serviceId } }) : null;
  if (service) assertTokenScope(token, service.id);
  const { policy } = await getActivePolicy();
  const zone = typeof body.windowTimeZone === "string" ? body.windowTimeZone : policy.timeZone;
  const start = DateTime.fromJSDate(now, { zone }).plus({ minutes: 5 }).startOf("minute").toFormat("yyyy-MM-dd'T'HH:mm");
  const merged = {
    windowStart: start,
    windowTimeZone: zone,
    windowDurationMin: 30,
    onCallUserId: service?.onCallUserId ?? "",
    testedInDev: false,
    testedInStaging: false,
    loadTested2x: false,
    verifiedMetrics: false,
    downtimeRequired: false,
    // A pipeline's change is assumed to answer the questionnaire at its safest (it may only be Low).
    riskAnswers: DEFAULT_RISK_ANSWERS,
    ...body,
    risk: "LOW",
    // Only the API's own name for the link is read, so the error names the field CI sent.
    hotfixForDeploymentId: "",
    implementationSteps: Array.isArray(body.implementationSteps)
      ? body.implementationSteps.map((s) => (typeof s === "string" ? { text: s } : s))
      : body.implementationSteps,
  };
  const extras = parseOrThrow(ciExtras, body);
  const fields = { ...parseOrThrow(changeRequestSchema(() => now, undefined, undefined, { complete: false }), merged), hotfixForDeploymentId: extras.fixesDeploymentId ?? "" };
  const actor = { id: token.createdById, name: tokenLabel(token), email: "", roles: [] as const };
  const pins = await resolveSubmission(now, fields);
  return db.$transaction(async (tx) => {
    await assertReferencesExist(tx, fields, "fixesDeploymentId");
    const { year, seq, number } = await nextCrNumber(tx, now.getUTCFullYear());
    const cr = await tx.changeRequest.create({
      data: { ...toChangeColumns(fields), number, year, seq, requesterId: token.createdById, createdByTokenId: token.id, commitSha: extras.commitSha, commitTime: extras.commitTime, state: "DRAFT" },
    });
    await writeAudit(tx, { actor: { id: null, label: actor.name }, action: "change.created", entityType: "ChangeRequest", entityId: cr.id, crId: cr.id, after: cr });
    // The pipeline files on behalf of the token's owner, who is the change's requester.
    return submitInTransaction(tx, { ...actor, roles: [] }, cr, now, pins, "REQUESTER");
  });
}
