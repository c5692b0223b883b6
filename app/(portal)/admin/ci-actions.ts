"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { formDataToObject } from "@/lib/schemas/admin";
import { createApiToken, revokeApiToken } from "@/lib/server/api-tokens";
import { createFreezeWindow, deleteFreezeWindow } from "@/lib/server/freeze-windows";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { formatInZone } from "@/lib/domain/local-time";

export async function createTokenAction(form: FormData) {
  return runAction(async () => {
    const token = await createApiToken(await actorOrThrow(), formDataToObject(form, ["serviceIds"]));
    revalidatePath("/admin/tokens");
    // The plain token goes back to this one response, to be shown once; it is stored only hashed.
    return { name: token.name, plain: token.plain, expires: token.expiresAt ? formatInZone(token.expiresAt, await viewerTimeZone()) : null };
  });
}

export async function revokeTokenAction(form: FormData) {
  return runAction(async () => {
    await revokeApiToken(await actorOrThrow(), String(form.get("id")));
    revalidatePath("/admin/tokens");
    return null;
  });
}

export async function createFreezeAction(form: FormData) {
  return runAction(async () => {
    const fw = await createFreezeWindow(await actorOrThrow(), formDataToObject(form));
    revalidatePath("/admin/freeze");
    return { id: fw.id };
  });
}

export async function deleteFreezeAction(form: FormData) {
  return runAction(async () => {
    await deleteFreezeWindow(await actorOrThrow(), String(form.get("id")));
    revalidatePath("/admin/freeze");
    return null;
  });
}
