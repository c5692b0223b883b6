import "server-only";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";

export interface AuditActor {
  id: string | null;
  label: string;
}

export interface AuditInput {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  crId?: string | null;
  before?: unknown;
  after?: unknown;
}

// JSON snapshots: Dates become ISO strings, undefined fields disappear.
function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/** Writes one audit event inside the caller's transaction, so the change and its record commit together. */
export async function writeAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      crId: input.crId ?? null,
      before: snapshot(input.before),
      after: snapshot(input.after),
    },
  });
}

export function auditActor(actor: { id: string; name: string }): AuditActor {
  return { id: actor.id, label: actor.name };
}
