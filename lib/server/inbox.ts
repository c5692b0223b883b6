import "server-only";
// A person's inbox: their notification entries, newest first, and marking them read. Only one's own
// entries: an id that is someone else's is "not found", as if it did not exist.
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "./change-input";

export const INBOX_PAGE_SIZE = 50;

export async function listInbox(actor: Actor, opts: { take?: number } = {}) {
  return db.notification.findMany({
    where: { userId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.take ?? INBOX_PAGE_SIZE,
    select: { id: true, event: true, title: true, body: true, href: true, createdAt: true, readAt: true },
  });
}
export type InboxEntry = Awaited<ReturnType<typeof listInbox>>[number];

/** Marks one of the actor's entries read; reading it again keeps the first time. */
export async function markNotificationRead(actor: Actor, input: unknown, now = new Date()) {
  const { id } = parseOrThrow(z.object({ id: z.string().min(1, "Which notification?") }), input);
  const own = await db.notification.findFirst({ where: { id, userId: actor.id }, select: { id: true } });
  if (!own) throw new AppError("NOT_FOUND", "That notification does not exist, or it is not yours.");
  await db.notification.updateMany({ where: { id, userId: actor.id, readAt: null }, data: { readAt: now } });
}

/** Marks every unread entry of the actor read; returns how many it marked. */
export async function markAllNotificationsRead(actor: Actor, now = new Date()): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: now } });
  return count;
}

/** Opening an entry marks it read and says where it points (the inbox itself when it points nowhere). */
export async function openNotification(actor: Actor, input: unknown, now = new Date()): Promise<string> {
  await markNotificationRead(actor, input, now);
  const { id } = input as { id: string };
  const row = await db.notification.findUniqueOrThrow({ where: { id }, select: { href: true } });
  // Only paths inside the portal: an entry never sends anyone elsewhere.
  return row.href?.startsWith("/") && !row.href.startsWith("//") ? row.href : "/inbox";
}
