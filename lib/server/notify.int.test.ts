// Notifications through the outbox, on real PostgreSQL and a real SMTP server (a local sink): an
// event commits with the work or not at all, reaches the people it concerns once per occurrence,
// is delivered once despite a relay dying between claiming and sending, and is retried then given up.
import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { smtpSinkForFile } from "@/test/smtp-sink";
import { createService, createUser } from "@/prisma/factories";
import { claimDue, deliverDue, MAX_ATTEMPTS } from "./outbox-relay";
import { notify, type NotifyInput } from "./notify";

const smtp = smtpSinkForFile();

async function rollbackEvent(key: string) {
  const requester = await createUser(db, { roles: ["ENGINEER"] });
  const onCall = await createUser(db, { roles: ["SRE"] });
  const bystander = await createUser(db, { roles: ["ENGINEER"] });
  const service = await createService(db, { onCallUserId: onCall.id });
  const input: NotifyInput = {
    event: "deployment.rolled-back",
    key,
    title: `Deployment of ${service.functionName} rolled back`,
    body: "Error rate gate breached on alias: 8.1 % ≥ 0.1 %",
    href: `/deployments/${key}`,
    actorId: null,
    requesterId: requester.id,
    onCallUserId: onCall.id,
    serviceId: service.id,
  };
  return { requester, onCall, bystander, input };
}

const sent = (to: string) => smtp.sink.messages.filter((m) => m.to.includes(to));

it("an event is written with the work or not at all, to the people it concerns, once per occurrence", async () => {
  const t = await rollbackEvent(`d-${Date.now()}`);
  await expect(
    db.$transaction(async (tx) => {
      await notify(tx, t.input);
      throw new Error("the work failed");
    }),
  ).rejects.toThrow("the work failed");
  expect(await db.notification.count({ where: { eventKey: { endsWith: t.input.key } } })).toBe(0);
  expect(await db.outboxMessage.count({ where: { eventKey: { endsWith: t.input.key } } })).toBe(0);

  await db.$transaction((tx) => notify(tx, t.input));
  await db.$transaction((tx) => notify(tx, t.input)); // reported twice (a retried tick): still one each
  const inbox = await db.notification.findMany({ where: { eventKey: { endsWith: t.input.key } } });
  expect(inbox.map((n) => n.userId).sort()).toEqual([t.requester.id, t.onCall.id].sort());
  const outbox = await db.outboxMessage.findMany({ where: { eventKey: { endsWith: t.input.key } } });
  expect(outbox.map((o) => `${o.channel} ${o.recipient}`).sort()).toEqual([`EMAIL ${t.requester.email}`, `EMAIL ${t.onCall.email}`].sort());

  await deliverDue({ EMAIL: smtp.send });
  expect(sent(t.requester.email)).toHaveLength(1);
  expect(sent(t.requester.email)[0]!.subject).toBe(t.input.title);
  expect(sent(t.requester.email)[0]!.raw).toContain("Error rate gate breached");
  expect(sent(t.bystander.email)).toHaveLength(0);
  expect(await db.outboxMessage.count({ where: { eventKey: { endsWith: t.input.key }, deliveredAt: null } })).toBe(0);
});

it("a relay that dies after claiming a message leaves it to the next one, which sends it once", async () => {
  const t = await rollbackEvent(`crash-${Date.now()}`);
  await db.$transaction((tx) => notify(tx, t.input));
  const now = new Date();
  const claimed = await claimDue(now, 100); // …and the process ends here
  expect(claimed.some((c) => c.recipient === t.requester.email)).toBe(true);
  expect(sent(t.requester.email)).toHaveLength(0);
  // Within the lease nobody sends it twice; once it has run out, the next relay does, once.
  await deliverDue({ EMAIL: smtp.send }, now);
  expect(sent(t.requester.email)).toHaveLength(0);
  await deliverDue({ EMAIL: smtp.send }, new Date(now.getTime() + 61_000));
  await deliverDue({ EMAIL: smtp.send }, new Date(now.getTime() + 122_000));
  expect(sent(t.requester.email)).toHaveLength(1);
});

it("a failing channel is retried with backoff and given up after the last attempt, visibly", async () => {
  const t = await rollbackEvent(`fail-${Date.now()}`);
  await db.$transaction((tx) => notify(tx, t.input));
  const down = async () => {
    throw new Error("connect ECONNREFUSED 127.0.0.1:25");
  };
  let at = Date.now();
  await deliverDue({ EMAIL: down }, new Date(at));
  const row = () => db.outboxMessage.findFirstOrThrow({ where: { eventKey: { endsWith: t.input.key }, recipient: t.requester.email } });
  expect(await row()).toMatchObject({ attempts: 1, deliveredAt: null, failedAt: null, lastError: expect.stringContaining("ECONNREFUSED") });
  expect((await row()).nextAttemptAt.getTime()).toBe(at + 5_000);
  for (let i = 1; i < MAX_ATTEMPTS; i++) {
    at = (await row()).nextAttemptAt.getTime();
    await deliverDue({ EMAIL: down }, new Date(at));
  }
  expect(await row()).toMatchObject({ attempts: MAX_ATTEMPTS, deliveredAt: null, failedAt: expect.any(Date) });
  // Given up: no relay sends it again.
  await deliverDue({ EMAIL: smtp.send }, new Date(at + 86_400_000));
  expect(sent(t.requester.email)).toHaveLength(0);
});

it("with CHANGEGATE_NOTIFY=off nothing is written (the bench's 'notifications off')", async () => {
  const t = await rollbackEvent(`off-${Date.now()}`);
  process.env.CHANGEGATE_NOTIFY = "off";
  try {
    await db.$transaction((tx) => notify(tx, t.input));
  } finally {
    delete process.env.CHANGEGATE_NOTIFY;
  }
  expect(await db.notification.count({ where: { eventKey: { endsWith: t.input.key } } })).toBe(0);
  expect(await db.outboxMessage.count({ where: { eventKey: { endsWith: t.input.key } } })).toBe(0);
});
