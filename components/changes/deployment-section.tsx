"use client";
import { useEffect } from "react";
import { useFormContext } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { ECS_STRATEGY, STRATEGY_LABELS, STRATEGY_NAMES } from "@/lib/domain/strategy-names";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";
import type { FormChoices } from "./change-form-sections";
import { EcsTargetFields } from "./ecs-target-fields";
import { LambdaVersionField } from "./lambda-version-field";
import { SelectInput, TextInput } from "./form-controls";

export function DeploymentSection({ choices }: { choices: FormChoices }) {
  const { formState, watch, getValues, setValue } = useFormContext<ChangeRequestFields>();
  const e = formState.errors;
  const service = choices.services.find((s) => s.id === watch("serviceId"));
  const ecs = service?.kind === "ECS";
  // Switching between a Lambda and an ECS service: the strategy follows the kind, and a version of
  // the other kind's shape is cleared rather than carried over.
  useEffect(() => {
    if (!service) return;
    const strategy = getValues("strategy");
    if (ecs && strategy !== ECS_STRATEGY) setValue("strategy", ECS_STRATEGY);
    if (!ecs && strategy === ECS_STRATEGY) setValue("strategy", "Canary10Percent5Minutes");
    const version = getValues("targetVersion");
    const family = ecs ? choices.ecsRevisions?.[service.id]?.family : null;
    if (version && (ecs !== version.includes(":") || (family && !version.startsWith(`${family}:`)))) setValue("targetVersion", "");
  }, [service, ecs, getValues, setValue, choices.ecsRevisions]);
  return (
    <>
      <Card title="Deploy target">
        <div className="grid gap-4 md:grid-cols-3">
          <SelectInput
            name="serviceId"
            label="Service"
            placeholder="Choose a service…"
            error={e.serviceId?.message}
            options={choices.services.map((s) => ({ value: s.id, label: s.name }))}
            hint={service ? (ecs ? `ECS service ${service.functionName}, cluster ${service.alias}` : `Lambda ${service.functionName}, alias ${service.alias}`) : "The registered service this change deploys to."}
          />
          {ecs ? (
            <EcsTargetFields key={service.id} revisions={choices.ecsRevisions?.[service.id]} />
          ) : (
            <>
              <LambdaVersionField serviceId={service?.id ?? ""} load={choices.loadVersions} />
              <SelectInput name="strategy" label="Deployment strategy" error={e.strategy?.message} options={STRATEGY_NAMES.map((s) => ({ value: s, label: STRATEGY_LABELS[s] }))} hint="How traffic moves to the new version; alarms and gates watch each step." />
            </>
          )}
        </div>
      </Card>
      <Card title="Deployment window">
        <p className="mb-3 text-xs text-slate-500">
          When the deployment runs. Submitting checks it against the policy&apos;s window for the risk level (Medium: business hours;
          High: after hours) and against declared freezes.
        </p>
        <div className="grid gap-4 md:grid-cols-4">
          <TextInput name="windowStart" type="datetime-local" label="Planned start" error={e.windowStart?.message} hint="Date and time the deployment starts." />
          <TextInput name="windowDurationMin" type="number" label="Duration (minutes)" error={e.windowDurationMin?.message} hint="How long the window stays open." />
          <SelectInput name="windowTimeZone" label="Time zone" error={e.windowTimeZone?.message} options={choices.timeZones.map((z) => ({ value: z, label: z }))} hint="The zone of the planned start." />
          <SelectInput name="onCallUserId" label="On-call engineer" placeholder="Choose…" error={e.onCallUserId?.message} options={choices.users.map((u) => ({ value: u.id, label: u.name }))} hint="Who answers if it goes wrong during the window." />
        </div>
      </Card>
    </>
  );
}
