import "server-only";
// Writes a notification event inside the caller's transaction, so it exists exactly when the change
// that caused it does: an inbox entry per person, and an outbox row per email or Slack message, which
// the relay (outbox-relay.ts) sends afterwards. Nothing here talks to SMTP or Slack: delivery never
// blocks or fails the work. One occurrence (`key`) is written once, however often it is reported.
// CHANGEGATE_NOTIFY=off makes notify() write nothing: the bench measures the work with and without
// notifications, and an operator can silence a misbehaving installation without a deploy.
import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { inTx, readDb, readOn, type db, type Tx } from "@/lib/db";
import type { Role } from "@/lib/domain/vocabulary";
import { audienceRoles, channelsFor, NOTIFICATION_EVENTS, preferenceKey, recipientsFor, type EventFacts, type NotificationChannelName, type NotificationEvent, type Person } from "@/lib/domain/notification-events";
import { availableChannels, type MessageAction, type OutboxPayload } from "@/lib/notify/types";

export interface NotifyInput extends EventFacts {
  event: NotificationEvent;
  /** The occurrence, unique per event: a deployment's id, a CR's id and round, a meeting's id. */
  key: string;
  title: string;
  body: string;
  href: string;
  crId?: string | null;
  deploymentId?: string | null;
  /** The service whose Slack channel hears events that go to one. */
  serviceId?: string | null;
  actions?: MessageAction[];
}

const occurrence = (event: NotificationEvent, key: string) => `${event}:${key}`;

export async function notify(tx: Tx, input: NotifyInput): Promise<void> {
  if (process.env.CHANGEGATE_NOTIFY === "off") return;
  const eventKey = occurrence(input.event, input.key);
  const related = [input.requesterId, input.onCallUserId, input.flagOwnerId].filter((x): x is string => !!x);
  const roles = audienceRoles(input.event);
  // One plain-SQL read of the candidates with their choices for this event: it runs inside every
  // deploy, approval and rollback, and two ORM reads here cost the deploy path ~30 % (npm run bench -- notify).
  const people = await inTx(
    tx,
    readDb
      .selectFrom("User as u")
      .select((eb) => [
        "u.id",
        // An enum array reaches Prisma's raw reads as its text form ("{CTO,ADMIN}") unless cast.
        eb.cast<Role[]>("u.roles", sql`text[]`).as("roles"),
        "u.disabled",
        "u.email",
        "u.slackUserId",
        jsonArrayFrom(eb.selectFrom("NotificationPreference as p").select(["p.channel", "p.enabled"]).whereRef("p.userId", "=", "u.id").where("p.event", "=", input.event)).as("prefs"),
      ])
      .where((eb) => eb.or([eb("u.id", "=", eb.fn.any(eb.val(related))), eb("u.roles", "&&", eb.val(roles))])),
  );
  const ids = recipientsFor(input.event, input, people);
  const available = availableChannels();
  const payload: OutboxPayload = { event: input.event, title: input.title, body: input.body, href: input.href, ...(input.actions ? { actions: input.actions } : {}) };

  const inbox: string[] = [];
  const outbox: { channel: NotificationChannelName; recipient: string }[] = [];
  for (const id of ids) {
    const p = people.find((x) => x.id === id)!;
    const mine = new Map((p.prefs ?? []).map((x) => [preferenceKey(input.event, x.channel), x.enabled]));
    for (const channel of channelsFor(input.event, p, mine, available)) {
      if (channel === "IN_APP") inbox.push(id);
      else outbox.push({ channel, recipient: channel === "EMAIL" ? p.email : p.slackUserId! });
    }
  }
  if (NOTIFICATION_EVENTS[input.event].serviceChannel && available.slack && input.serviceId) {
    const [s] = await inTx(
      tx,
      readDb
        .selectFrom("Service as s")
        .innerJoin("Team as t", "t.id", "s.teamId")
        .select((eb) => eb.fn.coalesce("s.slackChannel", "t.slackChannel").as("channel"))
        .where("s.id", "=", input.serviceId),
    );
    const channel = s?.channel;
    if (channel) outbox.push({ channel: "SLACK", recipient: channel });
  }

  if (inbox.length) {
    await tx.notification.createMany({
      data: inbox.map((userId) => ({ userId, event: input.event, eventKey, title: input.title, body: input.body, href: input.href, crId: input.crId ?? null, deploymentId: input.deploymentId ?? null })),
      skipDuplicates: true,
    });
  }
  if (outbox.length) {
    await tx.outboxMessage.createMany({
      data: outbox.map((o) => ({ event: input.event, eventKey, channel: o.channel, recipient: o.recipient, payload: payload as object })),
      skipDuplicates: true,
    });
  }
}

/** Whether an occurrence was written already: a schedule that would otherwise rebuild it each run skips it. */
export async function notified(client: Tx | typeof db, event: NotificationEvent, key: string): Promise<boolean> {
  const eventKey = occurrence(event, key);
  const sent = (table: "Notification" | "OutboxMessage") => readDb.selectFrom(table).select(sql.lit(1).as("one")).where("eventKey", "=", eventKey);
  const [row] = await readOn(client, readDb.selectNoFrom((eb) => eb.or([eb.exists(sent("Notification")), eb.exists(sent("OutboxMessage"))]).as("done")));
  return row?.done === true;
}
