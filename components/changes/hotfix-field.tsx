"use client";
import { useEffect, useMemo } from "react";
import { useFormContext } from "react-hook-form";
import { Card } from "@/components/ui/card";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";
import type { FormChoices } from "./change-form-sections";
import { SelectInput } from "./form-controls";

/** "Fixes deployment …": the chosen service's recent deployments; the link counts it as a change failure. */
export function HotfixField({ choices }: { choices: FormChoices }) {
  const { formState, watch, getValues, setValue } = useFormContext<ChangeRequestFields>();
  const serviceId = watch("serviceId");
  const options = useMemo(() => (serviceId ? (choices.hotfixChoices?.[serviceId] ?? []) : []), [serviceId, choices.hotfixChoices]);
  // A deployment of the previously chosen service is not a choice any more.
  useEffect(() => {
    const chosen = getValues("hotfixForDeploymentId");
    if (chosen && !options.some((o) => o.id === chosen)) setValue("hotfixForDeploymentId", "");
  }, [options, getValues, setValue]);
  return (
    <Card title="Hotfix">
      <SelectInput
        name="hotfixForDeploymentId"
        label="Fixes deployment"
        placeholder={serviceId ? (options.length ? "Not a hotfix" : "Not a hotfix (no finished deployments of this service)") : "Choose the service first"}
        error={formState.errors.hotfixForDeploymentId?.message}
        options={options.map((o) => ({ value: o.id, label: o.label }))}
        hint="If this change repairs a deployment that went wrong, name it: that deployment then counts as a change failure in the delivery metrics."
      />
    </Card>
  );
}
