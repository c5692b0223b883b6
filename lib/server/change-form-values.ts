import "server-only";
import type { ChangeRequest } from "@/generated/prisma/client";
import { instantToLocalInput } from "@/lib/domain/local-time";
import { riskAnswersDraftSchema } from "@/lib/domain/risk-assessment";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";

/** A stored CR as the values of its edit form (the inverse of toChangeColumns). */
export function changeToFormValues(cr: ChangeRequest): ChangeRequestFields {
  return {
    summary: cr.summary,
    type: cr.type,
    risk: cr.risk,
    description: cr.description,
    affectedServiceIds: cr.affectedServiceIds,
    servicesAffected: cr.servicesAffected,
    usersAffected: cr.usersAffected,
    downtimeRequired: cr.downtimeRequired,
    rollbackPlan: cr.rollbackPlan,
    implementationSteps: cr.implementationSteps.length
      ? cr.implementationSteps.map((text, i) => ({ text, minutes: cr.implementationStepMinutes[i] || null }))
      : [{ text: "", minutes: null }],
    testedInDev: cr.testedInDev,
    testedInStaging: cr.testedInStaging,
    loadTested2x: cr.loadTested2x,
    verifiedMetrics: cr.verifiedMetrics,
    rollbackProcedure: cr.rollbackProcedure,
    monitoringPlan: cr.monitoringPlan,
    windowStart: instantToLocalInput(cr.windowStart, cr.windowTimeZone),
    windowDurationMin: cr.windowDurationMin,
    windowTimeZone: cr.windowTimeZone,
    onCallUserId: cr.onCallUserId ?? "",
    serviceId: cr.serviceId,
    targetVersion: cr.targetVersion,
    strategy: cr.strategy as ChangeRequestFields["strategy"],
    // CRs filed before the questionnaire existed start with it unanswered.
    riskAnswers: riskAnswersDraftSchema.safeParse(cr.riskAnswers ?? {}).data ?? {},
    riskJustification: cr.riskJustification ?? "",
    hotfixForDeploymentId: cr.hotfixForDeploymentId ?? "",
  };
}
