"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { changeLifecycle } from "@/lib/server/change-lifecycle";
import { createChange } from "@/lib/server/create-change";
import { updateChange } from "@/lib/server/update-change";

export async function saveChangeAction(values: unknown, opts: { submit: boolean; id?: string; version?: number }) {
  return runAction(async () => {
    const actor = await actorOrThrow();
    const cr = opts.id
      ? await updateChange(actor, { ...(values as object), id: opts.id, version: opts.version, submit: opts.submit })
      : await createChange(actor, values, { submit: opts.submit });
    revalidatePath("/changes");
    return { id: cr.id, number: cr.number };
  });
}

// `action` is whatever the client sent: the service parses it and asks the state machine.
export async function changeLifecycleAction(action: string, id: string, version: number) {
  return runAction(async () => {
    const actor = await actorOrThrow();
    const cr = await changeLifecycle(actor, { action, id, version });
    revalidatePath(`/changes/${id}`);
    return { id: cr.id, state: cr.state };
  });
}
