"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/server/inbox";

export async function markReadAction(id: string) {
  return runAction(async () => {
    await markNotificationRead(await actorOrThrow(), { id });
    revalidatePath("/", "layout");
    return { id };
  });
}

export async function markAllReadAction() {
  return runAction(async () => {
    const count = await markAllNotificationsRead(await actorOrThrow());
    revalidatePath("/", "layout");
    return { count };
  });
}
