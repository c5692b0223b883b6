import "server-only";
// For admins: messages the relay gave up on, and those it is still retrying, with the last error.
// Delivery never blocks the work, so this page is where a broken SMTP or Slack setup shows.
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { assertCan } from "./guard";

export async function listOutboxProblems(actor: Actor, opts: { take?: number } = {}) {
  assertCan(actor, "admin:outbox", "Only administrators see failed notification deliveries.");
  const rows = await db.outboxMessage.findMany({
    where: { deliveredAt: null, OR: [{ failedAt: { not: null } }, { attempts: { gt: 0 } }] },
    orderBy: [{ failedAt: { sort: "desc", nulls: "last" } }, { nextAttemptAt: "asc" }],
    take: opts.take ?? 200,
    select: { id: true, event: true, channel: true, recipient: true, attempts: true, nextAttemptAt: true, failedAt: true, lastError: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, id: r.id.toString(), status: r.failedAt ? ("FAILED" as const) : ("RETRYING" as const) }));
}
export type OutboxProblem = Awaited<ReturnType<typeof listOutboxProblems>>[number];
