import "server-only";
import type { ChangeRequest } from "@/generated/prisma/client";
import { instantToLocalInput } from "@/lib/domain/local-time";
import { riskAnswersSchema } from "@/lib/domain/risk-assessment";
import { DEFAULT_RISK_ANSWERS, type ChangeRequestFields } from "@/lib/schemas/change-request";

/** A stored CR as the values of its edit form (the inverse of toChangeColumns). */
export function changeToFormValues(cr: ChangeRequest): ChangeRequestFields {
  return {
    summary: cr.summary,
    type: cr.type,
    risk: cr.risk,
    servicesAffected: cr.servicesAffected,
    usersAffected: cr.usersAffected,
    downtimeRequired: cr.downtimeRequired,
    rollbackPlan: cr.rollbackPlan,
    implementationSteps: cr.implementationSteps.length ? cr.implementationSteps.map((text) => ({ text })) : [{ text: "" }],
    testedInDev: cr.testedInDev,
    testedInStaging: cr.testedInStaging,
    loadTested2x: cr.loadTested2x,
    verifiedMetrics: cr.verifiedMetrics,
    rollbackProcedure: cr.rollbackProcedure,
    windowStart: instantToLocalInput(cr.windowStart, cr.windowTimeZone),
    windowDurationMin: cr.windowDurationMin,
    windowTimeZone: cr.windowTimeZone,
    onCallUserId: cr.onCallUserId ?? "",
    serviceId: cr.serviceId,
    targetVersion: cr.targetVersion,
    strategy: cr.strategy as ChangeRequestFields["strategy"],
    // CRs filed before the questionnaire existed start from its defaults.
    riskAnswers: riskAnswersSchema.safeParse(cr.riskAnswers).data ?? { ...DEFAULT_RISK_ANSWERS },
    riskJustification: cr.riskJustification ?? "",
    hotfixForDeploymentId: cr.hotfixForDeploymentId ?? "",
  };
}
