"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { targetFromFields, type FlagTargetFields } from "@/lib/domain/flag-plan";
import { formDataToObject } from "@/lib/schemas/admin";
import { applyFlagChange } from "@/lib/server/apply-flag-change";
import { killFlag } from "@/lib/server/kill-flag";
import { proposeFlagChange } from "@/lib/server/propose-flag-change";
import { reconcileFlag } from "@/lib/server/reconcile-flag";
import { registerFlag } from "@/lib/server/register-flag";

export async function registerFlagAction(form: FormData) {
  return runAction(async () => {
    const flag = await registerFlag(await actorOrThrow(), formDataToObject(form));
    revalidatePath("/flags");
    return { id: flag.id };
  });
}

export async function proposeFlagChangeAction(form: FormData) {
  return runAction(async () => {
    const f = formDataToObject(form, [], ["enabled"]);
    const cr = await proposeFlagChange(await actorOrThrow(), { flagId: f.flagId, summary: f.summary || undefined, justification: f.justification, target: targetFromFields(f as unknown as FlagTargetFields) });
    revalidatePath(`/flags/${cr.flagId}`);
    return { id: cr.id, number: cr.number };
  });
}

export async function killFlagAction(form: FormData) {
  return runAction(async () => {
    const r = await killFlag(await actorOrThrow(), formDataToObject(form));
    revalidatePath(`/flags/${r.flagId}`);
    return r;
  });
}

export async function applyFlagChangeAction(crId: string) {
  return runAction(async () => {
    const d = await applyFlagChange(await actorOrThrow(), crId);
    revalidatePath(`/changes/${crId}`);
    if (d.flagId) revalidatePath(`/flags/${d.flagId}`);
    return { id: d.id };
  });
}

export async function acceptFlagDriftAction(form: FormData) {
  return runAction(async () => {
    const r = await reconcileFlag(await actorOrThrow(), formDataToObject(form));
    revalidatePath(`/flags/${r.flagId}`);
    return r;
  });
}
