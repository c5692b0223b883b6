"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { RISK_LEVELS } from "@/lib/domain/vocabulary";

/** Registers a flag: publishes it off at /features/<name>, or imports what a seed-style parameter there holds. */
export function RegisterFlagForm({ services, action }: { services: { id: string; name: string }[]; action: (form: FormData) => Promise<ActionResult<unknown>> }) {
  return (
    <ActionForm action={action} resetOnSuccess success="Flag registered." label="Register a flag" className="space-y-3">
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Service" htmlFor="reg-service" hint="Whose code reads the flag">
          <select id="reg-service" name="serviceId" className={inputClass} defaultValue="">
            <option value="">Choose…</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </Field>
        <Field label="Name" htmlFor="reg-name" hint="Becomes /features/<name>">
          <input id="reg-name" name="name" className={inputClass} placeholder="checkout-new-pricing" />
        </Field>
        <Field label="Environment" htmlFor="reg-env">
          <select id="reg-env" name="environment" className={inputClass} defaultValue="production">
            <option value="production">production</option>
            <option value="staging">staging</option>
          </select>
        </Field>
      </div>
      <Field label="Description" htmlFor="reg-description">
        <input id="reg-description" name="description" className={inputClass} placeholder="What the flag turns on" />
      </Field>
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Risk of changing it" htmlFor="reg-risk" hint="Decides the approvals a change needs">
          <select id="reg-risk" name="risk" className={inputClass} defaultValue="MEDIUM">
            {RISK_LEVELS.map((r) => (
              <option key={r} value={r}>{r.charAt(0) + r.slice(1).toLowerCase()}</option>
            ))}
          </select>
        </Field>
        <Field label="Stickiness key" htmlFor="reg-stickiness" hint="The context field hashed for the percentage">
          <input id="reg-stickiness" name="stickiness" className={inputClass} defaultValue="userId" />
        </Field>
      </div>
      <Button type="submit">Register flag</Button>
    </ActionForm>
  );
}
