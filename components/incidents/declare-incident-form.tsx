"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

export function DeclareIncidentForm({ action }: { action: (form: FormData) => Promise<ActionResult<unknown>> }) {
  return (
    <ActionForm action={action} resetOnSuccess success="Incident declared." label="Declare an incident" className="space-y-3">
      <div className="grid gap-3 md:grid-cols-4">
        <Field label="Severity" htmlFor="severity">
          <select id="severity" name="severity" className={inputClass} defaultValue="SEV1">
            <option value="SEV1">SEV-1 (critical)</option>
            <option value="SEV2">SEV-2 (major)</option>
          </select>
        </Field>
        <Field label="Title" htmlFor="title" className="md:col-span-3">
          <input id="title" name="title" className={inputClass} placeholder="Checkout returns 500s" />
        </Field>
      </div>
      <Field label="Description" htmlFor="description">
        <textarea id="description" name="description" rows={3} className={inputClass} placeholder="What is broken, since when, who is affected" />
      </Field>
      <Button type="submit" variant="danger">Declare incident</Button>
    </ActionForm>
  );
}
