"use client";
// What each member can do to the meeting itself. Attendance is everyone's; taking the chair is offered
// while nobody chairs; starting and closing are the chair's alone, and closing asks first.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/action-result";

type ById = (id: string) => Promise<ActionResult<unknown>>;

function ActButton({ label, act, variant = "secondary" }: { label: string; act: () => Promise<ActionResult<unknown>>; variant?: "primary" | "secondary" }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-1">
      <Button
        variant={variant}
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const r = await act();
          setPending(false);
          setError(r.ok ? undefined : r.error.message);
          router.refresh();
        }}
      >
        {label}
      </Button>
      {/* Narrow, so a refusal (starting before the slot) wraps under its button instead of pushing the others away. */}
      {error && <div className="max-w-sm"><Alert tone="error">{error}</Alert></div>}
    </div>
  );
}

export interface ChairControlsProps {
  meetingId: string;
  status: string;
  present: boolean;
  isChair: boolean;
  hasChair: boolean;
  /** The CTO may take over a chair someone else holds. */
  canTakeOver: boolean;
  actions: { attend: (id: string, present: boolean) => Promise<ActionResult<unknown>>; takeChair: ById; start: ById; close: (form: FormData) => Promise<ActionResult<unknown>> };
}

export function ChairControls({ meetingId, status, present, isChair, hasChair, canTakeOver, actions }: ChairControlsProps) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      {isChair && status === "SCHEDULED" && <ActButton label="Start meeting" variant="primary" act={() => actions.start(meetingId)} />}
      {(!hasChair || (canTakeOver && !isChair)) && <ActButton label={hasChair ? "Take over the chair" : "Take the chair"} act={() => actions.takeChair(meetingId)} />}
      <ActButton label={present ? "Mark me absent" : "I am present"} variant={present || isChair ? "secondary" : "primary"} act={() => actions.attend(meetingId, !present)} />
      {isChair && (
        <ConfirmAction
          action={actions.close}
          fields={{ meetingId }}
          trigger="Close meeting…"
          triggerVariant="secondary"
          text={{
            title: "Close the meeting?",
            body: (
              <>
                Votes, attendance and notes are no longer taken here once it is closed; changes still awaiting a decision are voted on
                from their own pages. The minutes stay available to download.
              </>
            ),
            confirm: "Close meeting",
          }}
        />
      )}
    </div>
  );
}
