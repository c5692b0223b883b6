"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import { formDataToObject } from "@/lib/schemas/admin";
import { recordGateResult } from "@/lib/server/record-gate-result";
import { recordVerbalApproval } from "@/lib/server/record-verbal-approval";
import { castRetrospectiveVote } from "@/lib/server/retrospective-vote";

export async function verbalApprovalAction(form: FormData) {
  return runAction(async () => {
    const cr = await recordVerbalApproval(await actorOrThrow(), formDataToObject(form));
    revalidatePath(`/changes/${cr.id}`);
    return { id: cr.id, state: cr.state };
  });
}

export async function retrospectiveVoteAction(form: FormData) {
  return runAction(async () => {
    const input = formDataToObject(form);
    const out = await castRetrospectiveVote(await actorOrThrow(), input);
    revalidatePath(`/changes/${String(input.crId)}`);
    return out;
  });
}

export async function manualGateAction(form: FormData) {
  return runAction(async () => {
    const { crId, ...rest } = formDataToObject(form, [], ["passed"]);
    const { result, autoApproved } = await recordGateResult({ actor: await actorOrThrow() }, String(crId), rest);
    revalidatePath(`/changes/${String(crId)}`);
    return { id: result.id, autoApproved };
  });
}
