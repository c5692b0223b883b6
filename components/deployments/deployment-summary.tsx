import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { strategyWords } from "@/lib/domain/strategy-names";
import { durationSeconds, formatDuration, outcomeLabel, outcomeTone, type HistoryRow } from "@/lib/domain/history-row";
import { formatWall } from "@/lib/domain/local-time";

/** A history row's facts, plus what only the deployment page shows. */
export interface DeploymentSummaryData
  extends Pick<
    HistoryRow,
    | "kind"
    | "serviceName"
    | "teamName"
    | "requesterName"
    | "strategy"
    | "fromVersion"
    | "toVersion"
    | "startedAt"
    | "finishedAt"
    | "outcome"
    | "rollbackKind"
    | "reason"
  > {
  cr: { id: string; number: string; summary: string } | null;
  issueDetectedAt: Date | null;
  commitSha: string | null;
  commitTime: Date | null;
  hotfixes: { id: string; number: string }[];
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function DeploymentSummary({ d, zone }: { d: DeploymentSummaryData; zone: string }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Fact label="Outcome">
        <Badge tone={outcomeTone(d.outcome)}>{outcomeLabel(d)}</Badge>
        {d.reason && <p className="mt-1 text-xs text-slate-600">Why: {d.reason}</p>}
      </Fact>
      <Fact label="Service">
        {d.serviceName} <span className="text-xs text-slate-500">({d.teamName})</span>
      </Fact>
      <Fact label="Change request">
        {d.cr ? (
          <Link href={`/changes/${d.cr.id}`} className="font-mono text-indigo-700 hover:underline">
            {d.cr.number}
          </Link>
        ) : (
          "none"
        )}
      </Fact>
      <Fact label="Requester">{d.requesterName ?? "—"}</Fact>
      <Fact label={d.kind === "FLAG_ROLLOUT" ? "Flag" : "Versions"}>
        <span className="font-mono">
          {d.fromVersion} → {d.toVersion}
        </span>
      </Fact>
      <Fact label="Strategy">{strategyWords(d.strategy)}</Fact>
      <Fact label="Started">{formatWall(d.startedAt, zone)}</Fact>
      <Fact label="Finished">
        {d.finishedAt ? formatWall(d.finishedAt, zone) : "still running"} <span className="text-xs text-slate-500">({formatDuration(durationSeconds(d))})</span>
      </Fact>
      {d.issueDetectedAt && <Fact label="Issue detected">{formatWall(d.issueDetectedAt, zone)}</Fact>}
      {d.commitSha && (
        <Fact label="Commit">
          <span className="font-mono text-xs">{d.commitSha.slice(0, 12)}</span>
          {d.commitTime && <span className="text-xs text-slate-500"> at {formatWall(d.commitTime, zone)}</span>}
        </Fact>
      )}
      {d.hotfixes.length > 0 && (
        <Fact label="Hotfixes">
          {d.hotfixes.map((h) => (
            <Link key={h.id} href={`/changes/${h.id}`} className="mr-2 font-mono text-indigo-700 hover:underline">
              {h.number}
            </Link>
          ))}
        </Fact>
      )}
    </dl>
  );
}
