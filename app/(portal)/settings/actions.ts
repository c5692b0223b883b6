"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { saveOwnTimeZone } from "@/lib/server/user-time-zone";

export async function saveTimeZoneAction(form: FormData) {
  return runAction(async () => {
    // "Use the organisation's zone" submits the same form; it clears the choice whatever the box says.
    const timeZone = form.get("useOrganisation") ? "" : String(form.get("timeZone") ?? "");
    const saved = await saveOwnTimeZone(await actorOrThrow(), { timeZone });
    revalidatePath("/", "layout");
    return saved;
  });
}
