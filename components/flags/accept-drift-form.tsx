"use client";
import type { ActionResult } from "@/lib/action-result";
import { ReasonForm } from "./reason-form";

/** After a change made outside Changegate: accept what SSM holds as the flag's state (nothing is written), with a reason. */
export function AcceptDriftForm({ flagId, action }: { flagId: string; action: (form: FormData) => Promise<ActionResult<unknown>> }) {
  return (
    <ReasonForm
      flagId={flagId}
      action={action}
      className="mt-2 space-y-2"
      text={{
        label: "Accept what SSM holds",
        field: "Why this is right",
        hint: "Nothing is written to SSM: production already is this way. Recorded in the flag's history.",
        placeholder: "Raised by hand during the incident; keep it",
        button: "Accept what SSM holds",
        success: "Changegate's record now follows what SSM holds.",
        variant: "secondary",
      }}
    />
  );
}
