"use client";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";

/** The ordered implementation plan: add, remove and reorder steps. */
export function ImplementationSteps() {
  const { control, register, formState } = useFormContext<ChangeRequestFields>();
  const { fields, append, remove, move } = useFieldArray({ control, name: "implementationSteps" });
  const listError = formState.errors.implementationSteps?.message ?? formState.errors.implementationSteps?.root?.message;
  return (
    <div className="space-y-2">
      <ol className="space-y-2">
        {fields.map((f, i) => {
          const error = formState.errors.implementationSteps?.[i]?.text?.message;
          const id = `implementationSteps.${i}.text`;
          return (
            <li key={f.id} className="flex items-start gap-2">
              <span className="mt-1.5 w-6 text-right text-sm text-slate-500">{i + 1}.</span>
              <div className="flex-1">
                <input id={id} aria-label={`Step ${i + 1}`} aria-invalid={!!error} className={inputClass} {...register(`implementationSteps.${i}.text`)} />
                {error && <p role="alert" className="mt-1 text-sm text-red-600">{error}</p>}
              </div>
              <Button type="button" variant="ghost" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</Button>
              <Button type="button" variant="ghost" aria-label={`Move step ${i + 1} down`} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)}>↓</Button>
              <Button type="button" variant="ghost" aria-label={`Remove step ${i + 1}`} disabled={fields.length === 1} onClick={() => remove(i)}>✕</Button>
            </li>
          );
        })}
      </ol>
      {listError && <p role="alert" className="text-sm text-red-600">{listError}</p>}
      <Button type="button" variant="secondary" onClick={() => append({ text: "" })}>
        Add step
      </Button>
    </div>
  );
}
