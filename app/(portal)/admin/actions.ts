"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { formDataToObject } from "@/lib/schemas/admin";
import { saveService } from "@/lib/server/manage-services";
import { createUserAccount, updateUserAccount } from "@/lib/server/manage-users";

export async function createUserAction(form: FormData) {
  return runAction(async () => {
    const user = await createUserAccount(await actorOrThrow(), formDataToObject(form, ["roles"]));
    revalidatePath("/admin/users");
    return { id: user.id };
  });
}

export async function updateUserAction(form: FormData) {
  return runAction(async () => {
    const user = await updateUserAccount(await actorOrThrow(), formDataToObject(form, ["roles"], ["disabled"]));
    revalidatePath("/admin/users");
    return { id: user.id };
  });
}

export async function saveServiceAction(form: FormData) {
  return runAction(async () => {
    const service = await saveService(await actorOrThrow(), formDataToObject(form));
    revalidatePath("/admin/services");
    return { id: service.id };
  });
}
