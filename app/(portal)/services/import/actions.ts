"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { importSamServices, previewSamImport } from "@/lib/server/import-services";

export async function previewSamImportAction(input: unknown) {
  return runAction(async () => previewSamImport(await actorOrThrow(), input));
}

export async function importSamServicesAction(input: unknown) {
  return runAction(async () => {
    const created = await importSamServices(await actorOrThrow(), input);
    revalidatePath("/services");
    revalidatePath("/admin/services");
    return created.map((s) => ({ id: s.id, name: s.name }));
  });
}
