"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

/** The kill switch: the flag off at once (a running rollout of it stops), with a reason for the record. */
export function KillSwitchForm({ flagId, action }: { flagId: string; action: (form: FormData) => Promise<ActionResult<unknown>> }) {
  return (
    <ActionForm action={action} resetOnSuccess success="The flag is off." label="Kill switch" className="space-y-2">
      <input type="hidden" name="flagId" value={flagId} />
      <Field label="Reason" htmlFor="kill-reason" hint="Recorded in the flag's history and the audit log">
        <textarea id="kill-reason" name="reason" rows={2} className={inputClass} placeholder="Checkout errors since the flag went to 25 %" />
      </Field>
      <Button type="submit" variant="danger">Turn the flag off now</Button>
    </ActionForm>
  );
}
