"use client";
// The ECS part of a registry entry: where the service runs, the target group its gates read, and the
// rolling-update configuration Changegate applies on each deploy (defaults: the seed's).
import { inputClass } from "@/components/ui/field";
import { DEFAULT_ECS_CONFIG, type EcsServiceConfig } from "@/lib/domain/ecs-service-config";

export interface EcsFieldValues {
  cluster: string;
  ecsService: string;
  targetGroup: string | null;
  config: EcsServiceConfig;
}

function Labelled({ id, label, hint, children }: { id: string; label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
      {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

export function EcsServiceFields({ prefix, v }: { prefix: string; v?: EcsFieldValues }) {
  const c = v?.config ?? DEFAULT_ECS_CONFIG;
  const id = (name: string) => `${prefix}${name}`;
  return (
    <div className="space-y-2">
      <div className="grid gap-2 md:grid-cols-3">
        <Labelled id={id("cluster")} label="Cluster">
          <input id={id("cluster")} name="cluster" defaultValue={v?.cluster} placeholder="production" className={inputClass} />
        </Labelled>
        <Labelled id={id("ecsService")} label="ECS service name">
          <input id={id("ecsService")} name="ecsService" defaultValue={v?.ecsService} placeholder="orders-api" className={inputClass} />
        </Labelled>
        <Labelled id={id("targetGroup")} label="Target group" hint="Blank: the one the service's load balancer uses.">
          <input id={id("targetGroup")} name="targetGroup" defaultValue={v?.targetGroup ?? ""} placeholder="targetgroup/orders-api/0123456789abcdef" className={inputClass} />
        </Labelled>
      </div>
      <fieldset className="grid gap-2 rounded-md border border-slate-200 p-2 md:grid-cols-4">
        <legend className="px-1 text-xs font-medium text-slate-600">Rolling update</legend>
        <Labelled id={id("maximumPercent")} label="Maximum percent" hint="Running + pending tasks, % of desired.">
          <input id={id("maximumPercent")} name="maximumPercent" type="number" min={100} max={400} defaultValue={c.maximumPercent} className={inputClass} />
        </Labelled>
        <Labelled id={id("minimumHealthyPercent")} label="Minimum healthy percent" hint="Kept healthy, % of desired.">
          <input id={id("minimumHealthyPercent")} name="minimumHealthyPercent" type="number" min={0} max={100} defaultValue={c.minimumHealthyPercent} className={inputClass} />
        </Labelled>
        <Labelled id={id("healthCheckGracePeriodSeconds")} label="Grace period (s)" hint="Before health checks count.">
          <input id={id("healthCheckGracePeriodSeconds")} name="healthCheckGracePeriodSeconds" type="number" min={0} defaultValue={c.healthCheckGracePeriodSeconds} className={inputClass} />
        </Labelled>
        <div className="space-y-1 pt-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="circuitBreakerEnable" defaultChecked={c.circuitBreaker.enable} /> Circuit breaker
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="circuitBreakerRollback" defaultChecked={c.circuitBreaker.rollback} /> Roll back on failure
          </label>
        </div>
      </fieldset>
    </div>
  );
}
