"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { savePolicy } from "@/lib/server/policy-store";

export async function savePolicyAction(form: FormData) {
  return runAction(async () => {
    const actor = await actorOrThrow();
    let body: unknown;
    try {
      body = JSON.parse(String(form.get("body") ?? ""));
    } catch (e) {
      throw new AppError("VALIDATION", `The policy is not valid JSON: ${(e as Error).message}`, { fields: { body: "Not valid JSON" } });
    }
    const saved = await savePolicy(actor, body, String(form.get("note") ?? ""));
    revalidatePath("/admin/policy");
    return { version: saved.version };
  });
}
