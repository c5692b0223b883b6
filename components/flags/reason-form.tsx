"use client";
// A flag action that needs only a reason for the record: the kill switch, accepting a change made outside Changegate.
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

export interface ReasonFormText {
  label: string;
  field: string;
  hint: string;
  placeholder: string;
  button: string;
  success: string;
  variant: "danger" | "secondary";
}

export function ReasonForm({ flagId, action, text, className }: { flagId: string; action: (form: FormData) => Promise<ActionResult<unknown>>; text: ReasonFormText; className?: string }) {
  const id = `${text.label.toLowerCase().replace(/\W+/g, "-")}-reason`;
  return (
    <ActionForm action={action} resetOnSuccess success={text.success} label={text.label} className={className ?? "space-y-2"}>
      <input type="hidden" name="flagId" value={flagId} />
      <Field label={text.field} htmlFor={id} hint={text.hint}>
        <textarea id={id} name="reason" rows={2} className={inputClass} placeholder={text.placeholder} />
      </Field>
      <Button type="submit" variant={text.variant}>
        {text.button}
      </Button>
    </ActionForm>
  );
}
