"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { changePath } from "@/lib/domain/cr-number";

type Action = (form: FormData) => Promise<ActionResult<{ id: string; number: string }>>;

/** The short emergency form: enough to deploy the fix; the CR page takes it from there. */
export function EmergencyChangeForm({
  incidentId,
  services,
  hotfixChoices = {},
  action,
}: {
  incidentId: string;
  services: { id: string; name: string }[];
  /** Per service, its recent finished deployments the change may say it fixes (lib/server/hotfix-link.ts). */
  hotfixChoices?: Record<string, { id: string; label: string }[]>;
  action: Action;
}) {
  const router = useRouter();
  const [serviceId, setServiceId] = useState("");
  const fixable = serviceId ? (hotfixChoices[serviceId] ?? []) : [];
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const err = (k: string) => error?.fields?.[k];
  return (
    <form
      aria-label="Create emergency change"
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await action(new FormData(e.currentTarget));
        if (result.ok) router.push(changePath(result.data.number));
        else setError({ message: result.error.message, fields: result.error.fields });
      }}
    >
      <input type="hidden" name="incidentId" value={incidentId} />
      <Field label="Summary" htmlFor="summary" error={err("summary")}>
        <input id="summary" name="summary" className={inputClass} placeholder="Roll forward the checkout fix" />
      </Field>
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Service" htmlFor="serviceId" error={err("serviceId")}>
          <select id="serviceId" name="serviceId" className={inputClass} value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
            <option value="">Choose…</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </Field>
        <Field label="Version to deploy" htmlFor="targetVersion" error={err("targetVersion")}>
          <input id="targetVersion" name="targetVersion" className={inputClass} placeholder="43" />
        </Field>
        <Field label="Risk" htmlFor="risk" error={err("risk")}>
          <select id="risk" name="risk" className={inputClass} defaultValue="HIGH">
            <option value="HIGH">High</option>
            <option value="MEDIUM">Medium</option>
            <option value="LOW">Low</option>
          </select>
        </Field>
      </div>
      <Field
        label="Fixes deployment"
        htmlFor="hotfixForDeploymentId"
        error={err("hotfixForDeploymentId")}
        hint="The deployment that caused this incident, if one did: it then counts as a change failure in the delivery metrics."
      >
        {/* Keyed by service so a choice of another service's deployment never survives a service change. */}
        <select key={serviceId} id="hotfixForDeploymentId" name="hotfixForDeploymentId" className={inputClass} defaultValue="">
          <option value="">{serviceId ? (fixable.length ? "Not caused by a deployment / not known" : "No finished deployments of this service") : "Choose the service first"}</option>
          {fixable.map((d) => (
            <option key={d.id} value={d.id}>{d.label}</option>
          ))}
        </select>
      </Field>
      <Field label="Rollback plan" htmlFor="rollbackPlan" error={err("rollbackPlan")}>
        <textarea id="rollbackPlan" name="rollbackPlan" rows={2} className={inputClass} placeholder="Shift the alias back to the previous version" />
      </Field>
      {error && <Alert tone="error">{error.message}</Alert>}
      <Button type="submit" variant="danger">Create emergency change</Button>
    </form>
  );
}
