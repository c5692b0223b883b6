import "server-only";
// Sends what notify() wrote to the outbox. A batch is claimed (FOR UPDATE SKIP LOCKED, so any number
// of relays share the work) by moving its next attempt one lease ahead: a relay that dies mid-send
// leaves its messages to be retried when the lease runs out, never lost. A failure is retried with
// exponential backoff; after MAX_ATTEMPTS the message is marked failed, for admins to see. Delivery
// is at least once: a crash between a send and its mark sends again, with the same message id.
import pg from "pg";
import { db } from "@/lib/db";
import type { OutboxPayload, OutgoingMessage, Senders } from "@/lib/notify/types";

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;

/** Wait before attempt n+1 after n failed attempts: 5 s, 10 s, 20 s … at most 30 min. */
export const backoffMs = (attempts: number) => Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);

type Claimed = { id: bigint; channel: "EMAIL" | "SLACK"; recipient: string; payload: OutboxPayload; attempts: number };

/** Claims what is due (exported so a test can play a relay that claims and dies). */
export async function claimDue(now: Date, batch: number): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    UPDATE "OutboxMessage" SET attempts = attempts + 1, "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}
     WHERE id IN (SELECT id FROM "OutboxMessage"
                   WHERE "deliveredAt" IS NULL AND "failedAt" IS NULL AND "nextAttemptAt" <= ${now}
                   ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING id, channel::text AS channel, recipient, payload, attempts`;
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
        const send = senders[m.channel];
        try {
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
  const listener = new pg.Client({ connectionString: o.databaseUrl });
  await listener.connect();
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
  listener.on("notification", () => void drain());
  listener.on("error", (e) => o.log?.(`outbox listener: ${e.message}`));
  await listener.query("LISTEN changegate_outbox");
  const timer = setInterval(() => void drain(), o.pollMs ?? 5_000);
  void drain();
  return {
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await listener.end().catch(() => undefined);
    },
  };
}
