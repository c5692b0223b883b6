import { STRATEGY_LABELS, type CrStrategy } from "@/lib/domain/strategy-names";

interface Props {
  service: { functionName: string; defaultStrategy: string | null; preTrafficHook: string | null; postTrafficHook: string | null; alarmNames: string[] };
}

// Without a named hook the deploy worker looks for <fn>-pre-traffic / <fn>-post-traffic (lib/deploy/hooks.ts).
const hookText = (named: string | null, fn: string, phase: "pre" | "post") => named ?? `${fn}-${phase}-traffic if it exists (convention)`;

/** What the service deploys with: its strategy, hooks and alarm gates (imported from SAM or set by an admin). */
export function DeploymentPreference({ service: s }: Props) {
  const strategy = s.defaultStrategy && s.defaultStrategy in STRATEGY_LABELS ? STRATEGY_LABELS[s.defaultStrategy as CrStrategy] : s.defaultStrategy;
  return (
    <dl aria-label="Deployment preference" className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
      <dt className="text-slate-500">Strategy</dt>
      <dd>{strategy ?? "chosen on each change request"}</dd>
      <dt className="text-slate-500">Pre-traffic hook</dt>
      <dd className="font-mono">{hookText(s.preTrafficHook, s.functionName, "pre")}</dd>
      <dt className="text-slate-500">Post-traffic hook</dt>
      <dd className="font-mono">{hookText(s.postTrafficHook, s.functionName, "post")}</dd>
      <dt className="text-slate-500">Alarm gates</dt>
      <dd>{s.alarmNames.length ? <span className="font-mono">{s.alarmNames.join(", ")}</span> : "none (the built-in metric gates only)"}</dd>
    </dl>
  );
}
