import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { emergencyChangeSchema } from "@/lib/schemas/emergency";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";
import { assertHotfixTarget } from "./hotfix-link";
import { addIncidentEntry } from "./incidents";
import { nextCrNumber } from "./next-cr-number";
import { getActivePolicy } from "./policy-store";
import { resolveSubmission, submitInTransaction } from "./submit-in-transaction";

/**
 * Files an emergency CR for an open incident and submits it at once: the seed's emergency path skips
 * the CAB and the window, so the short form is enough. The CR stays "retrospective pending" until
 * the CAB decides it at its next meeting; the incident timeline records that the change exists.
 */
export async function createEmergencyChange(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "change:create");
  const v = parseOrThrow(emergencyChangeSchema, input);
  const { policy } = await getActivePolicy();
  const kind = (await db.service.findUnique({ where: { id: v.serviceId }, select: { kind: true } }))?.kind;
  const pins = await resolveSubmission(now, { ...v, strategy: kind === "ECS" ? "ROLLING" : "AllAtOnce" });
  return db.$transaction(async (tx) => {
    const [incident, service] = await Promise.all([
      tx.incident.findUnique({ where: { id: v.incidentId } }),
      tx.service.findUnique({ where: { id: v.serviceId } }),
    ]);
    if (!incident) throw new AppError("VALIDATION", "Unknown incident.", { fields: { incidentId: "Choose an open incident" } });
    if (incident.resolvedAt) {
      throw new AppError("VALIDATION", "This incident is resolved; emergency changes need an open incident.", { fields: { incidentId: "Incident is resolved" } });
    }
    if (!service || service.archived) throw new AppError("VALIDATION", "Unknown service.", { fields: { serviceId: "Choose a service from the registry" } });
    await assertHotfixTarget(tx, service.id, v.hotfixForDeploymentId);
    const { year, seq, number } = await nextCrNumber(tx, now.getUTCFullYear());
    const sev = incident.severity === "SEV1" ? "SEV-1" : "SEV-2";
    const draft = await tx.changeRequest.create({
      data: {
        number,
        year,
        seq,
        summary: v.summary,
        type: "BUG_FIX",
        risk: v.risk,
        servicesAffected: service.name,
        usersAffected: `Users affected by ${sev} incident: ${incident.title}`.slice(0, 500),
        downtimeRequired: false,
        rollbackPlan: v.rollbackPlan,
        rollbackProcedure: v.rollbackPlan,
        implementationSteps: [`Deploy version ${v.targetVersion} of ${service.name} to fix the incident`, "Watch error rate and latency"],
        windowStart: now,
        windowDurationMin: 60,
        windowTimeZone: policy.timeZone,
        onCallUserId: service.onCallUserId ?? actor.id,
        serviceId: service.id,
        targetVersion: v.targetVersion,
        // At once: ECS rolls out the way its service is configured; a Lambda alias switches.
        strategy: service.kind === "ECS" ? "ROLLING" : "AllAtOnce",
        requesterId: actor.id,
        state: "DRAFT",
        emergency: true,
        incidentId: incident.id,
        retroStatus: "PENDING",
        hotfixForDeploymentId: v.hotfixForDeploymentId || null,
      },
    });
    await writeAudit(tx, { actor: auditActor(actor), action: "change.created", entityType: "ChangeRequest", entityId: draft.id, crId: draft.id, after: draft });
    const cr = await submitInTransaction(tx, actor, draft, now, pins, "REQUESTER");
    await addIncidentEntry(tx, incident.id, actor.id, `${actor.name} filed emergency change ${number}: ${v.summary} (${service.name} → version ${v.targetVersion})`, now);
    return cr;
  });
}
