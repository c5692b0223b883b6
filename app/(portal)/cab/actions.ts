"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { actorOrThrow } from "@/lib/auth/session";
import type { WalkState } from "@/components/cab/agenda-walk-form";
import { castRetrospectiveVote } from "@/lib/server/retrospective-vote";
import { startMeeting, takeChair } from "@/lib/server/cab-chair";
import { addMinutesNote, closeMeeting, markAttendance, setCurrentItem } from "@/lib/server/run-cab-meeting";

export async function attendanceAction(meetingId: string, present: boolean) {
  return runAction(async () => {
    await markAttendance(await actorOrThrow(), { meetingId, present });
    revalidatePath(`/cab/${meetingId}`);
    return { meetingId };
  });
}

/** The agenda walk form's action (useActionState; works without client JS): moves the "now discussing" marker. */
export async function currentItemAction(_prev: WalkState, form: FormData): Promise<WalkState> {
  const meetingId = String(form.get("meetingId") ?? "");
  const result = await runAction(() => actorOrThrow().then((actor) => setCurrentItem(actor, { meetingId, item: form.get("item") })));
  revalidatePath(`/cab/${meetingId}`);
  return { error: result.ok ? null : result.error.message };
}

/** The chair's note, appended to the minutes. */
export async function noteAction(form: FormData) {
  return runAction(async () => {
    const meetingId = String(form.get("meetingId") ?? "");
    await addMinutesNote(await actorOrThrow(), { meetingId, note: String(form.get("note") ?? "") });
    revalidatePath(`/cab/${meetingId}`);
    return { meetingId };
  });
}

export async function takeChairAction(meetingId: string) {
  return runAction(async () => {
    await takeChair(await actorOrThrow(), { meetingId });
    revalidatePath(`/cab/${meetingId}`);
    return { meetingId };
  });
}

export async function startMeetingAction(meetingId: string) {
  return runAction(async () => {
    await startMeeting(await actorOrThrow(), { meetingId });
    revalidatePath(`/cab/${meetingId}`);
    revalidatePath("/cab");
    return { meetingId };
  });
}

/** Behind the chair's confirmation dialog (ConfirmAction posts the meeting id). */
export async function closeMeetingAction(form: FormData) {
  return runAction(async () => {
    const meetingId = String(form.get("meetingId") ?? "");
    await closeMeeting(await actorOrThrow(), { meetingId });
    revalidatePath(`/cab/${meetingId}`);
    revalidatePath("/cab");
    return { meetingId };
  });
}

/** An emergency change's retrospective vote, cast inline on the meeting page (same service as the CR page's). */
export async function retrospectiveVoteInMeetingAction(input: { crId: string; decision: string; comment: string; meetingId?: string }) {
  return runAction(async () => {
    const out = await castRetrospectiveVote(await actorOrThrow(), input);
    if (input.meetingId) revalidatePath(`/cab/${input.meetingId}`);
    revalidatePath(`/changes/${input.crId}`);
    return { state: out.retroStatus ?? "PENDING", recorded: true };
  });
}
