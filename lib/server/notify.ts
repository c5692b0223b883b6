import "server-only";
// Writes a notification event inside the caller's transaction, so it exists exactly when the change
// that caused it does: an inbox entry per person, and an outbox row per email or Slack message, which
// the relay (outbox-relay.ts) sends afterwards. Nothing here talks to SMTP or Slack: delivery never
// blocks or fails the work. One occurrence (`key`) is written once, however often it is reported.
// CHANGEGATE_NOTIFY=off makes notify() write nothing: the bench measures the work with and without
// notifications, and an operator can silence a misbehaving installation without a deploy.
import type { db, Tx } from "@/lib/db";
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
  const people = await tx.$queryRaw<(Person & { email: string; slackUserId: string | null; prefs: { channel: NotificationChannelName; enabled: boolean }[] | null })[]>`
    SELECT u.id, u.roles::text[] AS roles, u.disabled, u.email, u."slackUserId",
      (SELECT json_agg(json_build_object('channel', p.channel::text, 'enabled', p.enabled)) FROM "NotificationPreference" p
        WHERE p."userId" = u.id AND p.event = ${input.event}) AS prefs
    FROM "User" u WHERE u.id = ANY(${related}::text[]) OR u.roles && ${roles}::"Role"[]`;
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
    const [s] = await tx.$queryRaw<{ channel: string | null }[]>`
      SELECT COALESCE(s."slackChannel", t."slackChannel") AS channel FROM "Service" s JOIN "Team" t ON t.id = s."teamId" WHERE s.id = ${input.serviceId}`;
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
  const [row] = await client.$queryRaw<{ done: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "Notification" WHERE "eventKey" = ${eventKey}) OR EXISTS (SELECT 1 FROM "OutboxMessage" WHERE "eventKey" = ${eventKey}) AS done`;
  return row?.done === true;
}
