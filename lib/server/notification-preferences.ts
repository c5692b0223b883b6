import "server-only";
// Per-person choices of which events reach them on which channel. A row exists only for a choice the
// person made; without one the event's default applies (on), as notify() reads it through channelsFor.
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { isNotificationEvent, NOTIFICATION_CHANNELS, NOTIFICATION_EVENT_NAMES, preferenceKey, type NotificationChannelName, type NotificationEvent } from "@/lib/domain/notification-events";
import { availableChannels } from "@/lib/notify/types";
import { parseOrThrow } from "./change-input";

export interface PreferenceView {
  /** `${event}:${channel}` → on or off, for every event and channel (defaults filled in). */
  enabled: Record<string, boolean>;
  email: string;
  slackUserId: string | null;
  /** What this installation can send at all. */
  available: { email: boolean; slack: boolean };
}

export async function getNotificationPreferences(actor: Actor): Promise<PreferenceView> {
  const [user, rows] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true, slackUserId: true } }),
    db.notificationPreference.findMany({ where: { userId: actor.id } }),
  ]);
  const saved = new Map(rows.filter((r) => isNotificationEvent(r.event)).map((r) => [preferenceKey(r.event as NotificationEvent, r.channel), r.enabled]));
  const enabled: Record<string, boolean> = {};
  for (const e of NOTIFICATION_EVENT_NAMES) for (const c of NOTIFICATION_CHANNELS) enabled[preferenceKey(e, c)] = saved.get(preferenceKey(e, c)) ?? true;
  return { enabled, email: user.email, slackUserId: user.slackUserId, available: availableChannels() };
}

// The form sends the keys of the boxes left ticked; every event × channel not among them is off.
const VALID_KEYS = new Set(NOTIFICATION_EVENT_NAMES.flatMap((e) => NOTIFICATION_CHANNELS.map((c) => preferenceKey(e, c))));
const saveSchema = z.object({ on: z.array(z.string().refine((k) => VALID_KEYS.has(k), { error: "Unknown event or channel" })).max(VALID_KEYS.size) });

/** Saves the whole table at once: one row per event and channel, so later defaults cannot change a choice. */
export async function saveNotificationPreferences(actor: Actor, input: unknown): Promise<void> {
  const { on } = parseOrThrow(saveSchema, input);
  const chosen = new Set(on);
  const rows = NOTIFICATION_EVENT_NAMES.flatMap((event) =>
    NOTIFICATION_CHANNELS.map((channel: NotificationChannelName) => ({ userId: actor.id, event, channel, enabled: chosen.has(preferenceKey(event, channel)) })),
  );
  await db.$transaction([db.notificationPreference.deleteMany({ where: { userId: actor.id } }), db.notificationPreference.createMany({ data: rows })]);
}
