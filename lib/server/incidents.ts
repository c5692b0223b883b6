import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { declareIncidentSchema } from "@/lib/schemas/emergency";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";

/** One line on an incident's timeline; callers write it in the same transaction as what it records. */
export async function addIncidentEntry(tx: Tx, incidentId: string, actorId: string | null, text: string, at = new Date()) {
  return tx.incidentEntry.create({ data: { incidentId, actorId, text, at } });
}

export async function declareIncident(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "incident:declare");
  const v = parseOrThrow(declareIncidentSchema, input);
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.create({ data: { ...v, declaredById: actor.id, declaredAt: now } });
    const sev = v.severity === "SEV1" ? "SEV-1" : "SEV-2";
    await addIncidentEntry(tx, incident.id, actor.id, `${actor.name} declared a ${sev} incident: ${v.title}`, now);
    await writeAudit(tx, { actor: auditActor(actor), action: "incident.declared", entityType: "Incident", entityId: incident.id, after: incident });
    return incident;
  });
}

export async function resolveIncident(actor: Actor, incidentId: string, now = new Date()) {
  assertCan(actor, "incident:declare");
  return db.$transaction(async (tx) => {
    const { count } = await tx.incident.updateMany({ where: { id: incidentId, resolvedAt: null }, data: { resolvedAt: now } });
    if (count === 0) throw new AppError("CONFLICT", "This incident is unknown or already resolved.");
    await addIncidentEntry(tx, incidentId, actor.id, `${actor.name} marked the incident resolved`, now);
    await writeAudit(tx, { actor: auditActor(actor), action: "incident.resolved", entityType: "Incident", entityId: incidentId, after: { resolvedAt: now } });
  });
}

export async function listIncidents() {
  return db.incident.findMany({
    orderBy: { declaredAt: "desc" },
    take: 100,
    include: { _count: { select: { changes: true } } },
  });
}

export async function getIncidentOrThrow(id: string) {
  const incident = await db.incident.findUnique({
    where: { id },
    include: {
      timeline: { orderBy: [{ at: "asc" }, { id: "asc" }] },
      changes: {
        orderBy: { createdAt: "asc" },
        select: { id: true, number: true, summary: true, state: true, risk: true, retroStatus: true, emergency: true },
      },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
  const ids = [incident.declaredById, ...incident.timeline.map((e) => e.actorId)].filter((x): x is string => !!x);
  const people = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return { incident, declaredBy: names.get(incident.declaredById) ?? "unknown" };
}
