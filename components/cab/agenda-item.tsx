import type { ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import type { AgendaItem } from "@/lib/domain/cab-agenda";
import { CAB_SEAT_LABELS } from "@/lib/domain/policy";
import { formatInZone } from "@/lib/domain/local-time";
import { RISK_LABELS } from "@/lib/domain/vocabulary";
import { deploymentStateLabel } from "@/lib/domain/vocabulary";

const STATUS: Record<string, { label: string; tone: Tone }> = {
  AWAITING: { label: "awaiting decision", tone: "blue" },
  APPROVED: { label: "approved", tone: "green" },
  REJECTED: { label: "rejected", tone: "red" },
  CHANGES_REQUESTED: { label: "changes requested", tone: "amber" },
};
// Plain coloured text rather than ring badges: on a 300-row agenda every byte of markup counts twice
// (HTML and the RSC payload).
const RISK_TEXT = { LOW: "text-green-700", MEDIUM: "text-amber-700", HIGH: "text-red-700" } as const;
const STATUS_TEXT: Partial<Record<Tone, string>> = { blue: "text-blue-700", green: "text-green-700", red: "text-red-700", amber: "text-amber-700" };
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
          {item.crId ? <a className="font-mono text-indigo-700" href={`/changes/${item.crId}`}>{item.number}</a> : <span className="font-mono">—</span>}
          <span className="min-w-0 flex-1 basis-48 [overflow-wrap:anywhere]">{item.summary}</span>
          <Badge tone={item.outcome === "SUCCEEDED" ? "green" : item.outcome ? "red" : "slate"}>{item.kind === "ROLLBACK" ? "rollback " : ""}{item.outcome ? deploymentStateLabel(item.outcome).toLowerCase() : "running"}</Badge>
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
          <span className="min-w-0 flex-1 basis-48 [overflow-wrap:anywhere]">{item.title}</span>
          <span className="text-xs text-slate-500">declared {formatInZone(item.declaredAt, zone)}{item.resolvedAt ? "; resolved" : "; open"}</span>
          {discuss}
        </div>
      </li>
    );
  }
  const status = STATUS[item.status] ?? STATUS.AWAITING!;
  return (
    <li id={`item-${item.crId}`} className={cls} aria-current={current ? "true" : undefined} data-testid={`agenda-${item.number}`}>
      <div className="flex flex-wrap items-center gap-2">
        <a className="font-mono text-indigo-700" href={`/changes/${item.crId}`}>{item.number}</a>
        <span className="min-w-0 flex-1 basis-48 [overflow-wrap:anywhere]">{item.summary}</span>
        <span className={`text-xs font-medium ${RISK_TEXT[item.risk]}`}>{RISK_LABELS[item.risk]} risk</span>
        {item.emergency && <Badge tone="red">emergency{item.retrospective?.overdue ? " · overdue" : ""}</Badge>}
        <span className={`text-xs font-medium ${STATUS_TEXT[status.tone] ?? ""}`}>{status.label}</span>
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
