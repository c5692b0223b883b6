"use client";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { AlarmStates } from "@/components/services/alarm-states";
import type { ActionResult } from "@/lib/action-result";
import type { AlarmStateView } from "@/lib/domain/alarm-gate";
import { readEcsConfig } from "@/lib/domain/ecs-service-config";
import { EcsServiceFields } from "./ecs-service-fields";

type Action = (form: FormData) => Promise<ActionResult<unknown>>;
type Kind = "LAMBDA" | "ECS";
interface ServiceRow {
  id: string;
  name: string;
  kind: Kind;
  awsRegion: string;
  functionName: string;
  alias: string;
  targetGroup: string | null;
  ecsConfig: unknown;
  baselineVersion: string | null;
  slackChannel: string | null;
  alarmNames: string[];
  team: { name: string; slackChannel: string | null };
  onCallUser: { id: string; name: string } | null;
}

function ServiceFields({ s, users }: { s?: ServiceRow; users: { id: string; name: string }[] }) {
  const p = s ? `${s.id}-` : "new-";
  const [kind, setKind] = useState<Kind>(s?.kind ?? "LAMBDA");
  return (
    <div className="space-y-2">
      <div className="grid gap-2 md:grid-cols-7">
        {s && <input type="hidden" name="id" value={s.id} />}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-label="Runs on" className={inputClass}>
          <option value="LAMBDA">Lambda alias</option>
          <option value="ECS">ECS service</option>
        </select>
        <input name="name" defaultValue={s?.name} placeholder="checkout-api" aria-label="Service name" id={`${p}name`} className={inputClass} />
        <input name="team" defaultValue={s?.team.name} placeholder="Owner team" aria-label="Owner team" className={inputClass} />
        <input name="awsRegion" defaultValue={s?.awsRegion ?? "us-east-1"} aria-label="AWS region" className={inputClass} />
        {kind === "LAMBDA" ? (
          <>
            <input name="functionName" defaultValue={s?.kind === "LAMBDA" ? s.functionName : ""} placeholder="Lambda function" aria-label="Lambda function name" className={inputClass} />
            <input name="alias" defaultValue={s?.kind === "LAMBDA" ? s.alias : "production"} aria-label="Alias" className={inputClass} />
          </>
        ) : (
          <p className="self-center text-xs text-slate-500 md:col-span-2">Cluster, service and rolling update below.</p>
        )}
        <select name="onCallUserId" defaultValue={s?.onCallUser?.id ?? ""} aria-label="On-call engineer" className={inputClass}>
          <option value="">No on-call engineer</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div className="grid items-start gap-2 md:grid-cols-3">
        <input name="slackChannel" defaultValue={s?.slackChannel ?? ""} placeholder="Service's Slack channel (#name or id)" aria-label="Service's Slack channel" className={inputClass} />
        <input name="teamSlackChannel" defaultValue={s?.team.slackChannel ?? ""} placeholder="Team's Slack channel (all its services)" aria-label="Team's Slack channel" className={inputClass} />
        <label className="text-xs text-slate-600">
          Alarms (gates)
          <textarea
            name="alarmNames"
            defaultValue={s?.alarmNames.join("\n") ?? ""}
            rows={Math.max(2, (s?.alarmNames.length ?? 0) + 1)}
            placeholder={"CloudWatch alarm names, one per line (at most 10)\ne.g. ErrorRateAlarm"}
            aria-label="Alarms (gates)"
            className={`${inputClass} mt-1 font-mono`}
          />
        </label>
      </div>
      {kind === "ECS" && (
        <EcsServiceFields
          prefix={p}
          v={s?.kind === "ECS" ? { cluster: s.alias, ecsService: s.functionName, targetGroup: s.targetGroup, config: readEcsConfig(s.ecsConfig) } : undefined}
        />
      )}
    </div>
  );
}

function Baseline({ s }: { s: ServiceRow }) {
  return (
    <p className="text-xs text-slate-500">
      <Badge tone={s.kind === "ECS" ? "blue" : "slate"}>{s.kind === "ECS" ? "ECS" : "Lambda"}</Badge>{" "}
      {s.kind === "ECS" ? `${s.alias}/${s.functionName}` : `${s.functionName}:${s.alias}`} · known-good at registration:{" "}
      {s.baselineVersion ?? "none (it was mid-deployment)"}
    </p>
  );
}

interface Props {
  services: ServiceRow[];
  users: { id: string; name: string }[];
  save: Action;
  /** Each service's alarm gates with their current CloudWatch state. */
  alarms: Record<string, AlarmStateView[]>;
  alarmsError: string | null;
  zone: string;
}

export function ServiceAdmin({ services, users, save, alarms, alarmsError, zone }: Props) {
  return (
    <div className="space-y-6">
      <ActionForm action={save} resetOnSuccess success="Service registered." label="Register a service" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold">Register a service</h2>
        <ServiceFields users={users} />
        <Button type="submit">Register</Button>
      </ActionForm>
      <div className="space-y-2">
        <div className="hidden grid-cols-7 gap-2 px-4 text-xs font-medium uppercase text-slate-500 md:grid">
          <span>Runs on</span><span>Name</span><span>Owner team</span><span>Region</span><span>Function</span><span>Alias</span><span>On call</span>
        </div>
        {services.map((s) => (
          <ActionForm key={s.id} action={save} success="Saved." label={`Edit ${s.name}`} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
            <ServiceFields s={s} users={users} />
            <AlarmStates alarms={alarms[s.id] ?? []} error={s.alarmNames.length ? alarmsError : null} zone={zone} />
            <div className="flex items-center justify-between gap-2">
              <Baseline s={s} />
              <Button type="submit" variant="secondary">Save</Button>
            </div>
          </ActionForm>
        ))}
      </div>
    </div>
  );
}
