"use client";
// An ECS rolling deployment as the seed draws it: per change of counts, the old revision's tasks and
// the new one's (running, pending, failed) as a bar of task slots, the circuit breaker's failures
// against its threshold, and what the configuration lets ECS do at once. ECS moves the tasks itself.
import type { LiveDeployment } from "@/lib/schemas/deployment";
import { DateTime } from "luxon";

// Rollout steps are seconds apart: the time of day with seconds, in the viewer's zone.
const clock = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat("HH:mm:ss");

type Ecs = NonNullable<LiveDeployment["ecs"]>;
type Step = Ecs["steps"][number];

function TaskBar({ s, slots }: { s: Step; slots: number }) {
  const cells: string[] = [
    ...Array<string>(s.oldRunning).fill("bg-slate-400"),
    ...Array<string>(s.newRunning).fill("bg-indigo-600"),
    ...Array<string>(s.newPending).fill("bg-indigo-200"),
  ];
  const label = `${s.oldRunning} old, ${s.newRunning} new running, ${s.newPending} new pending`;
  return (
    <div className="flex gap-0.5" role="img" aria-label={label}>
      {Array.from({ length: Math.max(slots, cells.length) }, (_, i) => (
        <span key={i} className={`h-3 w-3 rounded-sm ${cells[i] ?? "border border-dashed border-slate-300"}`} />
      ))}
    </div>
  );
}

function Breaker({ s, enabled, rollback }: { s: Step; enabled: boolean; rollback: boolean }) {
  if (!enabled) return <span className="text-slate-500">circuit breaker off</span>;
  const tripped = s.threshold !== null && s.failures >= s.threshold;
  return (
    <span className={tripped ? "font-semibold text-red-700" : s.failures > 0 ? "text-amber-700" : "text-slate-600"} data-testid="ecs-breaker">
      {s.failures} / {s.threshold ?? "?"} failed tasks{tripped ? (rollback ? " — tripped, ECS rolls back" : " — tripped") : ""}
    </span>
  );
}

/**
 * `active`: still running; once it ended, the headline is the last reading Changegate recorded (a
 * rollback may have moved the tasks since), so it says so rather than "running". `from`: the task
 * definition deployed from, named when ECS no longer reports a previous deployment (all replaced).
 */
export function EcsProgress({ ecs, zone, state, active, from }: { ecs: Ecs; zone: string; state: string; active: boolean; from: string }) {
  const last = ecs.steps[ecs.steps.length - 1];
  const slots = ecs.pace?.maxTasks ?? last?.desired ?? 0;
  const c = ecs.config;
  return (
    <div className="space-y-3" data-testid="ecs-progress">
      <div className="text-sm">
        {last ? (
          <>
            {!active && <span className="text-slate-600">Last reading, at {clock(last.at, zone)}: </span>}
            <strong data-testid="ecs-now">
              {last.oldRunning} × {last.oldTaskDefinition ?? (from !== last.newTaskDefinition ? from : "old")} + {last.newRunning} × {last.newTaskDefinition}
            </strong>{" "}
            running on {ecs.cluster}/{ecs.service} ({last.newPending} pending, {last.newFailed} failed; desired {last.desired}
            {last.rolloutState ? `; ECS rollout ${last.rolloutState}` : ""}) · <Breaker s={last} enabled={c.circuitBreaker.enable} rollback={c.circuitBreaker.rollback} />
          </>
        ) : (
          <span className="text-slate-500">Waiting for ECS&apos;s first reading of {ecs.cluster}/{ecs.service}…</span>
        )}
      </div>
      <p className="text-xs text-slate-600">
        {ecs.pace?.text ?? `Maximum ${c.maximumPercent} %, minimum healthy ${c.minimumHealthyPercent} %.`} Health checks start counting after{" "}
        {c.healthCheckGracePeriodSeconds} s. ECS cannot pause a rolling update, so there is no Pause: it runs to the end, or Abort rolls it back
        {state === "ROLLING_BACK" ? " (rolling back now)" : ""}.
      </p>
      {ecs.steps.length > 0 && (
        <table className="w-full text-left text-xs">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 font-medium">Time</th>
              <th className="font-medium">Tasks (grey old, blue new, light pending)</th>
              <th className="font-medium">Old</th>
              <th className="font-medium">New running</th>
              <th className="font-medium">Pending</th>
              <th className="font-medium">Failed</th>
              <th className="font-medium">Breaker</th>
            </tr>
          </thead>
          <tbody>
            {ecs.steps.slice(-20).map((s) => (
              <tr key={s.at} className="border-t border-slate-100">
                <td className="py-1 pr-2 text-slate-500">{clock(s.at, zone)}</td>
                <td className="pr-2"><TaskBar s={s} slots={slots} /></td>
                <td>{s.oldRunning}</td>
                <td>{s.newRunning}</td>
                <td>{s.newPending}</td>
                <td className={s.newFailed > 0 ? "text-red-700" : ""}>{s.newFailed}</td>
                <td>{s.failures} / {s.threshold ?? "?"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ecs.ecsEvents.length > 0 && (
        <div>
          <h3 className="mb-1 text-xs font-semibold text-slate-700">ECS service events</h3>
          <ul className="space-y-0.5 text-xs text-slate-600">
            {ecs.ecsEvents.slice(0, 8).map((e, i) => (
              <li key={i}>
                {e.at && <span className="text-slate-500">{clock(e.at, zone)} </span>}
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
