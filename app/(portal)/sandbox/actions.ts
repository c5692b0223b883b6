"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { clearSandboxFaults, injectSandboxControlFault, injectSandboxFault } from "@/lib/server/sandbox-control";

const num = (f: FormData, k: string) => (f.get(k) ? Number(f.get(k)) : undefined);

export async function versionFaultAction(form: FormData) {
  return runAction(async () => {
    const actor = await actorOrThrow();
    const hook = form.get("hookFailure");
    const errorRate = num(form, "errorRatePct");
    const throttleRate = num(form, "throttleRatePct");
    await injectSandboxFault(actor, {
      functionName: String(form.get("functionName") ?? ""),
      version: String(form.get("version") ?? ""),
      fault: {
        ...(errorRate !== undefined ? { errorRate: errorRate / 100 } : {}),
        ...(throttleRate !== undefined ? { throttleRate: throttleRate / 100 } : {}),
        ...(num(form, "addedLatencyMs") !== undefined ? { addedLatencyMs: num(form, "addedLatencyMs") } : {}),
        ...(hook ? { hookFailure: String(hook) } : {}),
      },
    });
    revalidatePath("/sandbox");
  });
}

export async function controlFaultAction(form: FormData) {
  return runAction(async () => {
    const actor = await actorOrThrow();
    await injectSandboxControlFault(actor, { operation: "UpdateAlias", kind: String(form.get("kind") ?? ""), count: num(form, "count") ?? 1, functionName: String(form.get("functionName") || "") || undefined });
    revalidatePath("/sandbox");
  });
}

export async function clearFaultsAction(_form: FormData) {
  return runAction(async () => {
    await clearSandboxFaults(await actorOrThrow());
    revalidatePath("/sandbox");
  });
}
