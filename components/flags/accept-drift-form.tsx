"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

/** After a change made outside Changegate: accept what SSM holds as the flag's state (nothing is written), with a reason. */
export function AcceptDriftForm({ flagId, action }: { flagId: string; action: (form: FormData) => Promise<ActionResult<unknown>> }) {
  return (
    <ActionForm action={action} resetOnSuccess success="Changegate's record now follows what SSM holds." label="Accept what SSM holds" className="mt-2 space-y-2">
      <input type="hidden" name="flagId" value={flagId} />
      <Field label="Why this is right" htmlFor="accept-reason" hint="Nothing is written to SSM: production already is this way. Recorded in the flag's history.">
        <textarea id="accept-reason" name="reason" rows={2} className={inputClass} placeholder="Raised by hand during the incident; keep it" />
      </Field>
      <Button type="submit" variant="secondary">Accept what SSM holds</Button>
    </ActionForm>
  );
}
