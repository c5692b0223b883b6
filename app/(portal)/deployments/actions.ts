"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { deploymentControlSchema } from "@/lib/schemas/deployment";
import { parseOrThrow } from "@/lib/server/change-input";
import { controlDeployment } from "@/lib/server/deployment-controls";
import { rollbackAlias } from "@/lib/server/rollback-alias";
import { startDeployment } from "@/lib/server/start-deployment";

export async function startDeploymentAction(crId: string) {
  return runAction(async () => {
    const actor = await actorOrThrow();
    const d = await startDeployment(actor, crId);
    revalidatePath(`/changes/${crId}`);
    return { id: d.id };
  });
}

export async function controlDeploymentAction(deploymentId: string, control: string) {
  return runAction(async () => {
    const actor = await actorOrThrow();
    const input = parseOrThrow(deploymentControlSchema, { deploymentId, control });
    await controlDeployment(actor, input.deploymentId, input.control);
    return { ok: true };
  });
}

export async function rollbackAliasAction(form: FormData) {
  return runAction(async () => {
    const actor = await actorOrThrow();
    const d = await rollbackAlias(actor, Object.fromEntries(form));
    revalidatePath(`/services/${d.serviceId}`);
    if (d.crId) revalidatePath(`/changes/${d.crId}`);
    return { id: d.id };
  });
}
