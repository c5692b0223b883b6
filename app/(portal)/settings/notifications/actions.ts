"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { saveNotificationPreferences } from "@/lib/server/notification-preferences";

export async function savePreferencesAction(form: FormData) {
  return runAction(async () => {
    await saveNotificationPreferences(await actorOrThrow(), { on: form.getAll("on").map(String) });
    revalidatePath("/settings/notifications");
    return { saved: true };
  });
}
