import "server-only";
import type { z } from "zod";
import type { Tx } from "@/lib/db";
import { localToInstant } from "@/lib/domain/local-time";
import { DEFAULT_POLICY, type Policy } from "@/lib/domain/policy";
import { suggestRisk } from "@/lib/domain/risk-assessment";
import { AppError } from "@/lib/errors";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";
import { assertHotfixTarget } from "./hotfix-link";

/** Parses with the shared schema; a failure becomes one VALIDATION error with a message per field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_form";
    fields[key] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  throw new AppError("VALIDATION", first ? `Please fix: ${first[1]}` : "Invalid input.", { fields });
}

/** Form values → database columns; the suggested risk is computed with the policy in force. */
export function toChangeColumns(v: ChangeRequestFields, policy: Pick<Policy, "riskAssessment"> = DEFAULT_POLICY) {
  const windowStart = localToInstant(v.windowStart, v.windowTimeZone);
  if (!windowStart) {
    throw new AppError("VALIDATION", "Please fix: the planned start does not exist in that time zone.", {
      fields: { windowStart: "That time does not exist in the chosen time zone" },
    });
  }
  return {
    summary: v.summary,
    type: v.type,
    risk: v.risk,
    description: v.description,
    // The deployed service is affected by definition; the list holds the others.
    affectedServiceIds: [...new Set(v.affectedServiceIds)].filter((id) => id !== v.serviceId),
    servicesAffected: v.servicesAffected,
    usersAffected: v.usersAffected,
    downtimeRequired: v.downtimeRequired,
    rollbackPlan: v.rollbackPlan,
    implementationSteps: v.implementationSteps.map((s) => s.text),
    // 0 = not given (a draft): Postgres arrays through Prisma hold no nulls.
    implementationStepMinutes: v.implementationSteps.map((s) => s.minutes ?? 0),
    testedInDev: v.testedInDev,
    testedInStaging: v.testedInStaging,
    loadTested2x: v.loadTested2x,
    verifiedMetrics: v.verifiedMetrics,
    rollbackProcedure: v.rollbackProcedure,
    monitoringPlan: v.monitoringPlan,
    windowStart,
    windowDurationMin: v.windowDurationMin,
    windowTimeZone: v.windowTimeZone,
    onCallUserId: v.onCallUserId || null,
    serviceId: v.serviceId,
    targetVersion: v.targetVersion,
    strategy: v.strategy,
    riskAnswers: v.riskAnswers,
    suggestedRisk: suggestRisk(v.riskAnswers, policy).level,
    riskJustification: v.riskJustification || null,
    hotfixForDeploymentId: v.hotfixForDeploymentId || null,
  };
}

/** References the form names must exist: an unknown service or on-call engineer is a field error. */
export async function assertReferencesExist(tx: Tx, v: { serviceId: string; onCallUserId: string; hotfixForDeploymentId?: string; affectedServiceIds?: string[] }, hotfixField = "hotfixForDeploymentId"): Promise<void> {
  const others = [...new Set(v.affectedServiceIds ?? [])];
  const [service, onCall, affected] = await Promise.all([
    tx.service.findUnique({ where: { id: v.serviceId } }),
    v.onCallUserId ? tx.user.findUnique({ where: { id: v.onCallUserId } }) : null,
    others.length ? tx.service.count({ where: { id: { in: others }, archived: false } }) : 0,
  ]);
  const fields: Record<string, string> = {};
  if (!service || service.archived) fields.serviceId = "Unknown service: choose one from the registry";
  if (affected !== others.length) fields.affectedServiceIds = "Unknown affected service: choose registered services, or name other systems in the text field";
  if (v.onCallUserId && (!onCall || onCall.disabled)) fields.onCallUserId = "Unknown on-call engineer: choose an active user";
  if (Object.keys(fields).length > 0) {
    throw new AppError("VALIDATION", `Please fix: ${Object.values(fields)[0]}`, { fields });
  }
  await assertHotfixTarget(tx, v.serviceId, v.hotfixForDeploymentId, hotfixField);
}
