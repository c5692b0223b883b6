import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
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

/**
 * When audit events happen, where that is not now: the demo seed replays weeks of history on the
 * sandbox's clock (prisma/seed-history.ts) and runs the services, and the deploy worker it starts,
 * inside auditedOn(clock, …), so the trail they write carries the replayed times. Everywhere else
 * nothing sets it and an event is stamped by the database as it is written.
 */
const auditClock = new AsyncLocalStorage<() => Promise<Date>>();

export function auditedOn<T>(now: () => Promise<Date>, fn: () => Promise<T>): Promise<T> {
  return auditClock.run(now, fn);
}

/** Writes one audit event inside the caller's transaction, so the change and its record commit together. */
export async function writeAudit(tx: Tx, input: AuditInput): Promise<void> {
  const now = auditClock.getStore();
  await tx.auditEvent.create({
    data: {
      ...(now ? { at: await now() } : {}),
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
