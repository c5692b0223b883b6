"use client";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { planMinutes, type ChangeRequestFields } from "@/lib/schemas/change-request";

const minutesOrNull = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));

/** "1 h 25 min" / "45 min". */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? (m > 0 ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
}

/** The ordered implementation plan: add, remove and reorder steps, each with its planned minutes. */
export function ImplementationSteps() {
  const { control, register, formState } = useFormContext<ChangeRequestFields>();
  const { fields, append, remove, move } = useFieldArray({ control, name: "implementationSteps" });
  const steps = useWatch({ control, name: "implementationSteps" }) ?? [];
  const plan = planMinutes(steps);
  const listError = formState.errors.implementationSteps?.message ?? formState.errors.implementationSteps?.root?.message;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500">
        What you will do, in order, and how long each step takes in minutes (e.g. &quot;Monitor for 1 hour&quot; = 60). The CAB
        compares the total with the deployment window.
      </p>
      <ol className="space-y-2">
        {fields.map((f, i) => {
          const error = formState.errors.implementationSteps?.[i]?.text?.message;
          const minutesError = formState.errors.implementationSteps?.[i]?.minutes?.message;
          const id = `implementationSteps.${i}.text`;
          return (
            <li key={f.id} className="flex flex-wrap items-start gap-2">
              <span className="mt-1.5 w-6 text-right text-sm text-slate-500">{i + 1}.</span>
              <div className="min-w-0 flex-1">
                <input id={id} aria-label={`Step ${i + 1}`} aria-invalid={!!error} className={inputClass} {...register(`implementationSteps.${i}.text`)} />
                {error && <p role="alert" className="mt-1 text-sm text-red-600">{error}</p>}
              </div>
              <div className="w-24">
                <div className="flex items-center gap-1">
                  <input
                    type="number"
                    min={1}
                    max={1440}
                    inputMode="numeric"
                    aria-label={`Minutes for step ${i + 1}`}
                    aria-invalid={!!minutesError}
                    className={inputClass}
                    {...register(`implementationSteps.${i}.minutes`, { setValueAs: minutesOrNull })}
                  />
                  <span className="text-xs text-slate-500">min</span>
                </div>
                {minutesError && <p role="alert" className="mt-1 text-sm text-red-600">{minutesError}</p>}
              </div>
              <Button type="button" variant="ghost" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</Button>
              <Button type="button" variant="ghost" aria-label={`Move step ${i + 1} down`} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)}>↓</Button>
              <Button type="button" variant="ghost" aria-label={`Remove step ${i + 1}`} disabled={fields.length === 1} onClick={() => remove(i)}>✕</Button>
            </li>
          );
        })}
      </ol>
      {listError && <p role="alert" className="text-sm text-red-600">{listError}</p>}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button type="button" variant="secondary" onClick={() => append({ text: "", minutes: null })}>
          Add step
        </Button>
        <p className="text-sm text-slate-700" data-testid="plan-total" aria-live="polite">
          Plan total: <strong>{formatMinutes(plan.total)}</strong>
          {plan.missing > 0 && <span className="text-slate-500"> ({plan.missing} step{plan.missing === 1 ? "" : "s"} without minutes)</span>}
        </p>
      </div>
    </div>
  );
}
