import "server-only";
// Sends what notify() wrote to the outbox. A batch is claimed (FOR UPDATE SKIP LOCKED, so any number
// of relays share the work) by moving its next attempt one lease ahead: a relay that dies mid-send
// leaves its messages to be retried when the lease runs out, never lost. A failure is retried with
// exponential backoff; after MAX_ATTEMPTS the message is marked failed, for admins to see. Delivery
// is at least once: a crash between a send and its mark sends again, with the same message id.
import { db, inTx, readDb } from "@/lib/db";
import { connectDirect } from "@/lib/pg-direct";
import type { OutboxPayload, OutgoingMessage, Senders } from "@/lib/notify/types";

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;

/** Wait before attempt n+1 after n failed attempts: 5 s, 10 s, 20 s … at most 30 min. */
export const backoffMs = (attempts: number) => Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);

/**
 * Claims what is due (exported so a test can play a relay that claims and dies). One statement, run
 * through Prisma on `db` (its own transaction): the claim must commit before anything is sent.
 */
export async function claimDue(now: Date, batch: number) {
  const due = readDb
    .selectFrom("OutboxMessage")
    .select("id")
    .where("deliveredAt", "is", null)
    .where("failedAt", "is", null)
    .where("nextAttemptAt", "<=", now)
    .orderBy("id")
    .limit(batch)
    .forUpdate()
    .skipLocked();
  const rows = await inTx(
    db,
    readDb
      .updateTable("OutboxMessage")
      .set((eb) => ({ attempts: eb("attempts", "+", 1), nextAttemptAt: new Date(now.getTime() + LEASE_MS) }))
      .where("id", "in", due)
      .returning(["id", "channel", "recipient", "payload", "attempts"]),
  );
  // int8 ids arrive as bigint (the schema's generated type says string); the payload is what notify() wrote.
  return rows.map((r) => ({ ...r, id: BigInt(r.id), payload: r.payload as unknown as OutboxPayload }));
}

/** Sends every message due at `now`; how many were delivered and how many failed this pass. */
export async function deliverDue(senders: Senders, now: Date = new Date(), batch = 25): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  for (;;) {
    const claimed = await claimDue(now, batch);
    if (claimed.length === 0) return { delivered, failed };
    await Promise.all(
      claimed.map(async (m) => {
        try {
          if (m.channel === "IN_APP") throw new Error("An in-app notification is not sent through the outbox.");
          const send = senders[m.channel];
          if (!send) throw new Error(`No ${m.channel === "EMAIL" ? "SMTP server (SMTP_URL)" : "Slack token (SLACK_BOT_TOKEN)"} is configured for this relay.`);
          const message: OutgoingMessage = { id: m.id, channel: m.channel, recipient: m.recipient, payload: m.payload };
          await send(message);
          await db.outboxMessage.update({ where: { id: m.id }, data: { deliveredAt: new Date(), lastError: null } });
          delivered++;
        } catch (e) {
          const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
          const givenUp = m.attempts >= MAX_ATTEMPTS;
          await db.outboxMessage.update({
            where: { id: m.id },
            data: givenUp ? { failedAt: new Date(), lastError: error } : { lastError: error, nextAttemptAt: new Date(now.getTime() + backoffMs(m.attempts)) },
          });
          failed++;
        }
      }),
    );
  }
}

export interface OutboxRelay {
  /** Resolves when everything due now has been attempted (tests wait on it). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Delivers as messages are written (LISTEN on the outbox's NOTIFY), and every `pollMs` for retries. */
export async function startOutboxRelay(o: { databaseUrl: string; senders: Senders; pollMs?: number; log?: (m: string) => void }): Promise<OutboxRelay> {
  const listener = await connectDirect({ connectionString: o.databaseUrl, applicationName: "changegate-outbox", onError: (e) => o.log?.(`outbox listener: ${e.message}`) });
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const drain = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const r = await deliverDue(o.senders);
          if (r.failed) o.log?.(`outbox: ${r.delivered} delivered, ${r.failed} failed (will retry)`);
        } catch (e) {
          o.log?.(`outbox: ${e instanceof Error ? e.message : String(e)}`);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  await listener.listen("changegate_outbox", () => void drain());
  const timer = setInterval(() => void drain(), o.pollMs ?? 5_000);
  void drain();
  return {
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await listener.end();
    },
  };
}
