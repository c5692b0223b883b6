// A running relay hears the outbox's NOTIFY on its own connection (lib/pg-direct) and sends a message
// as soon as the work that wrote it commits, not at its next poll.
import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { smtpSinkForFile } from "@/test/smtp-sink";
import { createUser } from "@/prisma/factories";
import { waitFor } from "@/test/deploy-support";
import { notify } from "./notify";
import { startOutboxRelay } from "./outbox-relay";

const smtp = smtpSinkForFile();

const sentTo = (to: string) => smtp.sink.messages.filter((m) => m.to.includes(to));

it("a running relay sends a message when its work commits, woken by LISTEN long before its next poll", async () => {
  const requester = await createUser(db, { roles: ["ENGINEER"] });
  const logs: string[] = [];
  // The poll is ten minutes away: only the NOTIFY can make it send within the wait below.
  const relay = await startOutboxRelay({ databaseUrl: process.env.DATABASE_URL!, senders: { EMAIL: smtp.send }, pollMs: 600_000, log: (m) => logs.push(m) });
  try {
    await relay.drain(); // the pass it makes on starting, before anything was written
    expect(sentTo(requester.email)).toHaveLength(0);
    const key = `listen-${requester.id}`;
    await db.$transaction((tx) =>
      notify(tx, { event: "deployment.rolled-back", key, title: "Deployment of checkout rolled back", body: "Hook failed", href: `/deployments/${key}`, actorId: null, requesterId: requester.id }),
    );
    await waitFor("the relay to send the message", async () => sentTo(requester.email).length > 0, 60_000);
    expect(sentTo(requester.email)).toHaveLength(1);
    expect(sentTo(requester.email)[0]!.subject).toBe("Deployment of checkout rolled back");
    expect(await db.outboxMessage.count({ where: { eventKey: { endsWith: key }, deliveredAt: null } })).toBe(0);
  } finally {
    await relay.stop();
  }
  expect(logs).toEqual([]);
});
