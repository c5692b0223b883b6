"use client";
import type { ActionResult } from "@/lib/action-result";
import { ReasonForm } from "./reason-form";

/** The kill switch: the flag off at once (a running rollout of it stops), with a reason for the record. */
export function KillSwitchForm({ flagId, action }: { flagId: string; action: (form: FormData) => Promise<ActionResult<unknown>> }) {
  return (
    <ReasonForm
      flagId={flagId}
      action={action}
      text={{
        label: "Kill switch",
        field: "Reason",
        hint: "Recorded in the flag's history and the audit log",
        placeholder: "Checkout errors since the flag went to 25 %",
        button: "Turn the flag off now",
        success: "The flag is off.",
        variant: "danger",
      }}
    />
  );
}
