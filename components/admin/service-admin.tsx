"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

type Action = (form: FormData) => Promise<ActionResult<unknown>>;
interface ServiceRow {
  id: string;
  name: string;
  awsRegion: string;
  functionName: string;
  alias: string;
  team: { name: string };
  onCallUser: { id: string; name: string } | null;
}

function ServiceFields({ s, users }: { s?: ServiceRow; users: { id: string; name: string }[] }) {
  const p = s ? `${s.id}-` : "new-";
  return (
    <div className="grid gap-2 md:grid-cols-6">
      {s && <input type="hidden" name="id" value={s.id} />}
      <input name="name" defaultValue={s?.name} placeholder="checkout-api" aria-label="Service name" id={`${p}name`} className={inputClass} />
      <input name="team" defaultValue={s?.team.name} placeholder="Owner team" aria-label="Owner team" className={inputClass} />
      <input name="awsRegion" defaultValue={s?.awsRegion ?? "us-east-1"} aria-label="AWS region" className={inputClass} />
      <input name="functionName" defaultValue={s?.functionName} placeholder="Lambda function" aria-label="Lambda function name" className={inputClass} />
      <input name="alias" defaultValue={s?.alias ?? "production"} aria-label="Alias" className={inputClass} />
      <select name="onCallUserId" defaultValue={s?.onCallUser?.id ?? ""} aria-label="On-call engineer" className={inputClass}>
        <option value="">No on-call engineer</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ServiceAdmin({ services, users, save }: { services: ServiceRow[]; users: { id: string; name: string }[]; save: Action }) {
  return (
    <div className="space-y-6">
      <ActionForm action={save} resetOnSuccess success="Service registered." label="Register a service" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold">Register a service</h2>
        <ServiceFields users={users} />
        <Button type="submit">Register</Button>
      </ActionForm>
      <div className="space-y-2">
        <div className="hidden grid-cols-6 gap-2 px-4 text-xs font-medium uppercase text-slate-500 md:grid">
          <span>Name</span><span>Owner team</span><span>Region</span><span>Function</span><span>Alias</span><span>On call</span>
        </div>
        {services.map((s) => (
          <ActionForm key={s.id} action={save} success="Saved." label={`Edit ${s.name}`} className="rounded-lg border border-slate-200 bg-white p-3">
            <ServiceFields s={s} users={users} />
            <div className="mt-2 text-right">
              <Button type="submit" variant="secondary">Save</Button>
            </div>
          </ActionForm>
        ))}
      </div>
    </div>
  );
}
