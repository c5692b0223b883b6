"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { confirmOnCall } from "@/lib/server/confirm-on-call";
import { voteOnChange } from "@/lib/server/vote-on-change";

/** One vote, from the CR page (out of meeting) or the meeting page (with meetingId). */
export async function voteAction(input: { crId: string; decision: string; comment: string; meetingId?: string }) {
  return runAction(async () => {
    const result = await voteOnChange(await actorOrThrow(), input);
    revalidatePath(`/changes/${input.crId}`);
    if (input.meetingId) revalidatePath(`/cab/${input.meetingId}`);
    return { state: result.cr.state, recorded: result.recorded };
  });
}

export async function confirmOnCallAction(id: string) {
  return runAction(async () => {
    await confirmOnCall(await actorOrThrow(), { id });
    revalidatePath(`/changes/${id}`);
    return { id };
  });
}
