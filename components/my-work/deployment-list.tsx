import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatInZone } from "@/lib/domain/local-time";
import type { LiveDeployment } from "@/lib/domain/my-work";
import { deploymentStateLabel } from "@/lib/domain/vocabulary";
import { changePath } from "@/lib/domain/cr-number";

const STATE_TONE: Record<string, Tone> = { ROLLING_BACK: "red", ROLLED_BACK: "amber", FAILED: "red", SUCCEEDED: "green" };

/** A deployment, flag rollout or rollback of the person's change, linking to its live page. */
export function DeploymentRow({ d, zone }: { d: LiveDeployment; zone: string }) {
  const what = d.flagName ? `Flag ${d.flagName}: ${d.fromVersion} → ${d.toVersion}` : `${d.serviceName} ${d.fromVersion} → ${d.toVersion}`;
  const ended = d.finishedAt !== null;
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-2 text-sm" data-testid="work-deployment">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          {d.crNumber && <Link href={changePath(d.crNumber)} className="font-mono text-xs text-slate-500 hover:underline">{d.crNumber}</Link>}
          <Link href={`/deployments/${d.id}`} className="font-medium text-indigo-700 hover:underline">{d.kind === "ROLLBACK" ? `Rollback of ${d.serviceName} to ${d.toVersion}` : what}</Link>
          <Badge tone={STATE_TONE[d.state] ?? "blue"}>{d.paused ? "Paused" : deploymentStateLabel(d.state)}</Badge>
          {d.rollbackKind && <Badge tone="slate">{d.rollbackKind === "AUTOMATIC" ? "automatic" : "by hand"}</Badge>}
        </div>
        <p className="text-slate-600">
          {ended ? `Ended ${formatInZone(d.finishedAt!, zone)}` : `Started ${formatInZone(d.startedAt, zone)}${d.flagName ? "" : ` · ${Math.round(d.currentWeight * 100)} % of traffic on the new version`}`}
          {d.reason && ` · ${d.reason}`}
        </p>
      </div>
      <Link href={`/deployments/${d.id}`} className="shrink-0 rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50">
        {ended ? "Open" : "Watch"} →
      </Link>
    </li>
  );
}
