import Link from "next/link";
import type { ReactNode } from "react";
import { RiskBadge } from "@/components/changes/labels";
import { Badge, type Tone } from "@/components/ui/badge";
import type { AgendaItem } from "@/lib/domain/cab-agenda";
import { CAB_SEAT_LABELS } from "@/lib/domain/policy";
import { formatInZone } from "@/lib/domain/local-time";
import { RISK_LABELS } from "@/lib/domain/vocabulary";

const STATUS: Record<string, { label: string; tone: Tone }> = {
  AWAITING: { label: "awaiting decision", tone: "blue" },
  APPROVED: { label: "approved", tone: "green" },
  REJECTED: { label: "rejected", tone: "red" },
  CHANGES_REQUESTED: { label: "changes requested", tone: "amber" },
};
const DECISION = { APPROVE: "approved", REJECT: "rejected", REQUEST_CHANGES: "requested changes" } as const;

export const itemKey = (item: AgendaItem) =>
  item.type === "change" ? `change:${item.crId}` : item.type === "deployment" ? `deployment:${item.deploymentId}` : `incident:${item.incidentId}`;

/**
 * One agenda row. Kept compact (one line plus votes) so a 300-change agenda stays scannable; the
 * vote form is passed in and only rendered where the viewer may vote.
 */
export function AgendaItemRow({ item, current, zone, discuss, voteSlot }: { item: AgendaItem; current: boolean; zone: string; discuss: ReactNode; voteSlot: ReactNode }) {
  const cls = `rounded-md px-3 py-2 text-sm ${current ? "bg-indigo-50 ring-2 ring-indigo-400" : "hover:bg-slate-50"}`;
  if (item.type === "deployment") {
    return (
      <li className={cls} aria-current={current ? "true" : undefined}>
        <div className="flex flex-wrap items-center gap-2">
          {item.crId ? <Link className="font-mono text-indigo-700" href={`/changes/${item.crId}`}>{item.number}</Link> : <span className="font-mono">—</span>}
          <span className="flex-1">{item.summary}</span>
          <Badge tone={item.outcome === "SUCCEEDED" ? "green" : item.outcome ? "red" : "slate"}>{item.kind === "ROLLBACK" ? "rollback " : ""}{(item.outcome ?? "running").toLowerCase().replace("_", " ")}</Badge>
          {item.finishedAt && <span className="text-xs text-slate-500">{formatInZone(item.finishedAt, zone)}</span>}
          {discuss}
        </div>
      </li>
    );
  }
  if (item.type === "incident") {
    return (
      <li className={cls} aria-current={current ? "true" : undefined}>
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="red">{item.severity.replace("SEV", "SEV-")}</Badge>
          <span className="flex-1">{item.title}</span>
          <span className="text-xs text-slate-500">declared {formatInZone(item.declaredAt, zone)}{item.resolvedAt ? "; resolved" : "; open"}</span>
          {discuss}
        </div>
      </li>
    );
  }
  const status = STATUS[item.status] ?? STATUS.AWAITING!;
  return (
    <li className={cls} aria-current={current ? "true" : undefined} data-testid={`agenda-${item.number}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Link className="font-mono text-indigo-700" href={`/changes/${item.crId}`}>{item.number}</Link>
        <span className="min-w-0 flex-1 truncate" title={item.summary}>{item.summary}</span>
        <RiskBadge risk={item.risk} />
        {item.emergency && <Badge tone="red">emergency{item.retrospective?.overdue ? " · overdue" : ""}</Badge>}
        <Badge tone={status.tone}>{status.label}</Badge>
        <span className="text-xs text-slate-500">by {item.requester.name}</span>
        {discuss}
      </div>
      {item.riskBelowSuggestion && (
        <p className="mt-1 text-xs text-amber-800">
          Risk set below the suggested {RISK_LABELS[item.riskBelowSuggestion.suggested]}: “{item.riskBelowSuggestion.justification}”
        </p>
      )}
      {item.votes.length > 0 && (
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600" aria-label={`Votes on ${item.number}`}>
          {item.votes.map((v) => (
            <li key={`${v.userId}-${v.kind}`} title={v.comment ?? undefined}>
              <span className="font-medium">{v.name ?? "someone"}</span>
              {v.seat ? ` (${CAB_SEAT_LABELS[v.seat]})` : ""} {DECISION[v.decision]}
              {v.comment ? `: “${v.comment}”` : ""}
            </li>
          ))}
        </ul>
      )}
      {voteSlot}
    </li>
  );
}
