"use client";
// The live view of a deployment: polls /api/v1/deployments/:id every second while it runs, so the
// weight, the step, the countdown, the gate charts and the timeline move without a reload.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { LiveDeployment as Live } from "@/lib/schemas/deployment";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DeploymentTimeline } from "./deployment-timeline";
import { deploymentStateLabel } from "@/lib/domain/vocabulary";
import { EcsProgress } from "./ecs-progress";
import { GateCharts, type GateLimits } from "./gate-charts";

type Control = "pause" | "resume" | "promote" | "abort";

async function fetchLive(id: string): Promise<Live> {
  const res = await fetch(`/api/v1/deployments/${id}`, { cache: "no-store" });
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
  return res.json() as Promise<Live>;
}

const pct = (w: number) => `${Number((w * 100).toFixed(1))} %`;

function countdown(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

export function LiveDeployment({ id, zone, limits, control }: { id: string; zone: string; limits: GateLimits; control: (id: string, c: Control) => Promise<ActionResult<unknown>> }) {
  const q = useQuery({ queryKey: ["deployment", id], queryFn: () => fetchLive(id), refetchInterval: (query) => (query.state.data?.active === false ? false : 1000) });
  const [error, setError] = useState<string | null>(null);
  const d = q.data;
  // When the deployment ends, refresh the server-rendered summary below once.
  const router = useRouter();
  const wasActive = useRef<boolean | null>(null);
  useEffect(() => {
    if (d && wasActive.current === true && !d.active) router.refresh();
    if (d) wasActive.current = d.active;
  }, [d, router]);
  if (!d) return <Card title="Progress">{q.error ? <Alert tone="error">{String(q.error.message)}</Alert> : <p className="text-sm text-slate-500">Loading…</p>}</Card>;

  const act = async (c: Control) => {
    setError(null);
    const r = await control(id, c);
    if (!r.ok) setError(r.error.message);
    await q.refetch();
  };
  const total = d.steps.length;
  // A flag rollout's weights are shares of its target percentage: show the flag's own percentage.
  const share = (w: number) => (d.flag ? (w * d.flag.targetPercentage) / 100 : w);
  const back = d.flag && (d.state === "ROLLED_BACK" || d.state === "FAILED");
  const phase = d.state === "VALIDATING" ? "Validating" : d.state === "SHIFTING" ? `Step ${Math.min(d.currentStep + 1, total)} of ${total}` : deploymentStateLabel(d.state).toLowerCase();
  return (
    <Card title={d.active ? "Live progress" : "Result"} actions={<span data-testid="deployment-state" data-state={d.state} className="rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold">{deploymentStateLabel(d.state)}</span>}>
      <div className="space-y-4">
        {d.reason && <Alert tone={d.state === "FAILED" && /ROLLBACK FAILED/.test(d.reason) ? "error" : d.state === "SUCCEEDED" ? "info" : "warning"}>{d.reason}</Alert>}
        {d.ecs ? (
          <EcsProgress ecs={d.ecs} zone={zone} state={d.state} active={d.active} from={d.fromVersion} />
        ) : (
          <div>
            <div className="mb-1 flex justify-between text-sm">
              {d.flag ? (
                <span>
                  {back ? (
                    <>Flag {d.flag.name} is now <strong data-testid="flag-now">{d.flag.now}</strong> (the rollout to {d.flag.to} stopped)</>
                  ) : (
                    <>Flag {d.flag.name} is on for <strong data-testid="current-weight">{pct(share(d.currentWeight))}</strong> of users (target {d.flag.to}; from {d.flag.from}; gates watch {d.functionName}:{d.alias})</>
                  )}
                </span>
              ) : (
                <span>
                  Version {d.toVersion} gets <strong data-testid="current-weight">{pct(d.currentWeight)}</strong> of {d.functionName}:{d.alias} (from {d.fromVersion})
                </span>
              )}
              <span className="text-slate-600" data-testid="step-label">{phase}</span>
            </div>
            <div className="h-3 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-label={d.flag ? "Users the flag is on for" : "Traffic on the new version"} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share(d.currentWeight) * 100)}>
              <div className={`h-full ${d.state === "ROLLED_BACK" || d.state === "FAILED" ? "bg-amber-500" : "bg-indigo-600"} transition-all`} style={{ width: pct(back && d.flag ? d.flag.nowPercentage / 100 : share(d.currentWeight)).replace(" ", "") }} />
            </div>
            <p className="mt-1 text-xs text-slate-500">
              {d.active ? <>Next step in {countdown(d.nextInMs)}{d.paused && " · paused"}</> : "Finished"} · plan {d.steps.map((s) => pct(share(s.weight))).join(" → ")}
            </p>
          </div>
        )}
        {d.can.control && (
          <div className="flex flex-wrap gap-2">
            {/* Shown as the production gate answers (ECS cannot pause a rolling update; the panel says so). */}
            {d.can.resume && <Button variant="secondary" onClick={() => act("resume")}>Resume</Button>}
            {d.can.pause && <Button variant="secondary" onClick={() => act("pause")}>Pause</Button>}
            {d.can.promote && <Button variant="secondary" onClick={() => act("promote")}>Promote now</Button>}
            <Button variant="danger" onClick={() => act("abort")} disabled={d.abortRequested}>Abort (roll back)</Button>
          </div>
        )}
        {error && <Alert tone="error">{error}</Alert>}
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">Gate readings</h3>
          <GateCharts readings={d.readings} from={d.fromVersion} to={d.toVersion} flag={!!d.flag} limits={limits} zone={zone} />
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">Timeline</h3>
          <DeploymentTimeline zone={zone} events={d.events.map((e) => ({ ...e, at: new Date(e.at) }))} />
        </div>
      </div>
    </Card>
  );
}
