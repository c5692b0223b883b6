"use client";
// The deploy target of an ECS service: a task definition revision of the family it runs, and the
// rolling update as the only strategy (ECS replaces tasks itself and cannot pause a rollout).
import { useFormContext } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { STRATEGY_LABELS } from "@/lib/domain/strategy-names";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";
import type { FormChoices } from "./change-form-sections";
import { SelectInput } from "./form-controls";

type Revisions = NonNullable<FormChoices["ecsRevisions"]>[string];

export function EcsTargetFields({ revisions }: { revisions: Revisions | undefined }) {
  const { formState, register, watch } = useFormContext<ChangeRequestFields>();
  const e = formState.errors;
  const chosen = watch("targetVersion");
  const list = revisions?.revisions ?? [];
  // A saved revision no longer ACTIVE stays visible, so the form does not silently change it.
  const options = chosen && !list.includes(chosen) ? [chosen, ...list] : list;
  return (
    <>
      <SelectInput
        name="targetVersion"
        label="Task definition revision"
        placeholder="Choose a revision…"
        error={e.targetVersion?.message}
        options={options.map((r) => ({ value: r, label: r === revisions?.running ? `${r} (running now)` : list.includes(r) ? r : `${r} (not ACTIVE)` }))}
        hint={revisions?.family ? `ACTIVE revisions of ${revisions.family}, newest first.` : undefined}
      />
      <div>
        <span className="block text-sm font-medium text-slate-700">Deployment strategy</span>
        <input type="hidden" {...register("strategy")} />
        <p className="mt-1 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5 text-sm" title={STRATEGY_LABELS.ROLLING}>
          Rolling update (ECS)
        </p>
        <p className="mt-1 text-xs text-slate-500">
          ECS replaces tasks within the service&apos;s maximum/minimum percent. ECS cannot pause a rolling update: once started it runs to the end, or Abort rolls it back.
        </p>
        {e.strategy?.message && (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {e.strategy.message}
          </p>
        )}
      </div>
      {revisions?.error && (
        <div className="md:col-span-3">
          <Alert tone="warning">{revisions.error}</Alert>
        </div>
      )}
    </>
  );
}
