"use client";
// The one hidden form every "Discuss" / "Previous" / "Next" button submits (they name it with form=).
// A refused move (starting the meeting outside its slot, a closed meeting) is shown here instead of
// the page silently staying where it was.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";

export type WalkState = { error: string | null };

export function AgendaWalkForm({ id, meetingId, walk }: { id: string; meetingId: string; walk: (prev: WalkState, form: FormData) => Promise<WalkState> }) {
  const [state, action] = useActionState(walk, { error: null });
  return (
    <>
      <form id={id} action={action} hidden>
        <input type="hidden" name="meetingId" value={meetingId} />
      </form>
      {state.error && <Alert tone="error">Could not move the agenda: {state.error}</Alert>}
    </>
  );
}
