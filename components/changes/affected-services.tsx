"use client";
// "Services affected": the service the change deploys is affected by definition (shown, not typed);
// other registered services are ticked from the registry, and anything outside it (a database, a
// partner's API) is named in "Other systems affected".
import { useFormContext, useWatch } from "react-hook-form";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";
import type { FormChoices } from "./change-form-sections";
import { TextInput } from "./form-controls";

export function AffectedServices({ choices }: { choices: FormChoices }) {
  const { control, setValue, formState } = useFormContext<ChangeRequestFields>();
  const serviceId = useWatch({ control, name: "serviceId" });
  const chosen = useWatch({ control, name: "affectedServiceIds" }) ?? [];
  const own = choices.services.find((s) => s.id === serviceId);
  const others = choices.services.filter((s) => s.id !== serviceId);
  const toggle = (id: string, on: boolean) =>
    setValue("affectedServiceIds", on ? [...chosen.filter((x) => x !== id), id] : chosen.filter((x) => x !== id), { shouldDirty: true });
  const error = formState.errors.affectedServiceIds?.message;
  return (
    <div className="space-y-3 md:col-span-2">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Services affected</legend>
        <p className="text-xs text-slate-500">Which services may behave differently while or after this change ships (the CAB checks for clashes).</p>
        <p className="mt-1 text-sm" data-testid="own-service">
          {own ? (
            <>
              <strong>{own.name}</strong> <span className="text-slate-500">(the service this change deploys)</span>
            </>
          ) : (
            <span className="text-slate-500">The service you deploy (chosen under Deploy target) is included.</span>
          )}
        </p>
        {others.length > 0 && (
          <div className="mt-2 grid gap-1 sm:grid-cols-2 md:grid-cols-3">
            {others.map((s) => (
              <label key={s.id} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={chosen.includes(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                Also affects {s.name}
              </label>
            ))}
          </div>
        )}
        {error && <p role="alert" className="mt-1 text-sm text-red-600">{error}</p>}
      </fieldset>
      <TextInput
        name="servicesAffected"
        label="Other systems affected"
        error={formState.errors.servicesAffected?.message}
        placeholder="e.g. the payments database, partner webhooks"
        hint="Systems outside the registry (databases, queues, third parties); leave blank if none."
      />
    </div>
  );
}
