"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

type Act = () => Promise<ActionResult<unknown>>;

function useAct() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const run = async (fn: Act) => {
    setPending(true);
    const r = await fn();
    setPending(false);
    setError(r.ok ? undefined : r.error.message);
    router.refresh();
  };
  return { error, pending, run };
}

export function AttendanceButton({ meetingId, present, mark }: { meetingId: string; present: boolean; mark: (id: string, present: boolean) => Promise<ActionResult<unknown>> }) {
  const { error, pending, run } = useAct();
  return (
    <div className="space-y-1">
      <Button variant={present ? "secondary" : "primary"} disabled={pending} onClick={() => run(() => mark(meetingId, !present))}>
        {present ? "Mark me absent" : "I am present"}
      </Button>
      {/* Narrow, so a refusal (e.g. starting before the slot) wraps under the button instead of pushing the other controls away. */}
      {error && <div className="max-w-sm"><Alert tone="error">{error}</Alert></div>}
    </div>
  );
}

export function CloseMeetingButton({ meetingId, close }: { meetingId: string; close: (id: string) => Promise<ActionResult<unknown>> }) {
  const { error, pending, run } = useAct();
  return (
    <div className="space-y-1">
      <Button
        variant="danger"
        disabled={pending}
        onClick={() => {
          if (window.confirm("Close the meeting? No more votes, attendance or minutes can be recorded through it.")) void run(() => close(meetingId));
        }}
      >
        Close meeting
      </Button>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}

export function MinutesForm({ meetingId, minutes, save, readOnly }: { meetingId: string; minutes: string; save: (f: FormData) => Promise<ActionResult<unknown>>; readOnly: boolean }) {
  if (readOnly) return <p className="whitespace-pre-wrap text-sm text-slate-700">{minutes || "No minutes were recorded."}</p>;
  return (
    <ActionForm action={save} success="Minutes saved." label="Minutes">
      <input type="hidden" name="meetingId" value={meetingId} />
      <label htmlFor="minutes" className="block text-sm font-medium text-slate-700">
        Minutes
      </label>
      <textarea id="minutes" name="minutes" rows={8} defaultValue={minutes} className={`${inputClass} mt-1`} />
      <Button type="submit" className="mt-2">
        Save minutes
      </Button>
    </ActionForm>
  );
}
