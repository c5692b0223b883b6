import type { ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { agendaItemKey, type AgendaItem } from "@/lib/domain/cab-agenda";
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

/** The domain's key for an item (the meeting's current item names one). */
export const itemKey = agendaItemKey;

/**
 * One agenda row: labels, the title on its own line, the change's essentials (`facts`), the votes so
 * far and the vote slot (passed in, rendered only where the viewer may vote).
 */
export function AgendaItemRow({ item, current, zone, discuss, voteSlot, facts }: { item: AgendaItem; current: boolean; zone: string; discuss: ReactNode; voteSlot: ReactNode; facts?: ReactNode }) {
  const cls = `rounded-md border px-3 py-2 text-sm ${current ? "border-indigo-300 bg-indigo-50 ring-2 ring-indigo-400" : "border-slate-100"}`;
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
      {/* The labels on a line of their own, the title below: at 390 px a long title wraps instead of running into the risk label. */}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <a className="font-mono text-indigo-700" href={`/changes/${item.crId}`}>{item.number}</a>
        <span className={`text-xs font-medium ${RISK_TEXT[item.risk]}`}>{RISK_LABELS[item.risk]} risk</span>
        {item.emergency && <Badge tone="red">emergency{item.retrospective?.overdue ? " · overdue" : ""}</Badge>}
        <span className={`text-xs font-medium ${STATUS_TEXT[status.tone] ?? ""}`}>{status.label}</span>
        {discuss && <span className="ml-auto">{discuss}</span>}
      </div>
      <p className="mt-1 font-medium text-slate-900 [overflow-wrap:anywhere]">{item.summary}</p>
      {facts ?? <p className="text-xs text-slate-500">by {item.requester.name}</p>}
      {item.riskBelowSuggestion && (
        <p className="mt-1 text-xs text-amber-800">
          Risk set below the suggested {RISK_LABELS[item.riskBelowSuggestion.suggested]}: “{item.riskBelowSuggestion.justification}”
        </p>
      )}
      <div className="mt-2 text-xs text-slate-600">
        {item.votes.length === 0 ? (
          <p>No votes yet.</p>
        ) : (
          <>
            <p className="font-medium text-slate-700">Votes so far</p>
            <ul className="mt-0.5 space-y-0.5" aria-label={`Votes on ${item.number}`}>
              {item.votes.map((v) => (
                <li key={`${v.userId}-${v.kind}`}>
                  <span className="font-medium text-slate-800">{v.name ?? "someone"}</span>
                  {v.seat ? ` (${CAB_SEAT_LABELS[v.seat]})` : ""} {DECISION[v.decision]}
                  {v.comment ? `: “${v.comment}”` : ""}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {voteSlot}
    </li>
  );
}
