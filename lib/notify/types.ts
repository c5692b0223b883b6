// What the outbox holds for one message, whichever channel renders it, and what a channel sender is.
import type { NotificationEvent } from "@/lib/domain/notification-events";

/** A button a message offers. Acting on it goes through the portal's own services (Slack: the interactivity endpoint). */
export type MessageAction = { kind: "approve" | "reject"; crId: string } | { kind: "rollback"; serviceId: string; deploymentId: string } | { kind: "open" };

export interface OutboxPayload {
  event: NotificationEvent;
  title: string;
  body: string;
  /** Path in the portal ("/changes/…"); senders make it absolute with the public URL. */
  href: string;
  actions?: MessageAction[];
}

export interface OutgoingMessage {
  /** The outbox row's id: a stable message id, so a redelivery after a crash can be recognised. */
  id: bigint;
  channel: "EMAIL" | "SLACK";
  recipient: string;
  payload: OutboxPayload;
}

/** Sends one message or throws; a throw is retried with backoff. */
export type ChannelSender = (m: OutgoingMessage) => Promise<void>;

export interface Senders {
  EMAIL?: ChannelSender;
  SLACK?: ChannelSender;
}

/** The portal's address, for links in messages. */
export function publicUrl(): string {
  return (process.env.CHANGEGATE_PUBLIC_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
}

/** Which channels this installation can send on (the web app writes outbox rows only for those). */
export function availableChannels(env: NodeJS.ProcessEnv = process.env): { email: boolean; slack: boolean } {
  return { email: !!env.SMTP_URL, slack: !!env.SLACK_BOT_TOKEN };
}
