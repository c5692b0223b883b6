import { changedKeys, describeAudit, stateChange } from "@/lib/domain/audit-phrases";
import { formatInZone } from "@/lib/domain/local-time";

export interface TimelineEvent {
  id: string;
  at: Date;
  actorLabel: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** Everything that happened to a CR, oldest first, from its audit trail. */
export function Timeline({ events, zone }: { events: TimelineEvent[]; zone: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">Nothing has happened yet.</p>;
  return (
    <ol className="relative space-y-3 border-l border-slate-200 pl-4" aria-label="Timeline">
      {events.map((e) => {
        const transition = stateChange(e.before, e.after);
        const edited = e.action === "change.edited" ? changedKeys(e.before, e.after) : [];
        const reason = (e.after as { reason?: string } | null)?.reason;
        // Where the click came from when not the portal (a Slack button).
        const via = (e.after as { via?: string } | null)?.via;
        return (
          <li key={e.id} className="text-sm">
            <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border-2 border-white bg-indigo-400" />
            <time className="block text-xs text-slate-500" dateTime={e.at.toISOString()}>
              {formatInZone(e.at, zone)}
            </time>
            <span className="font-medium">{e.actorLabel}</span> {describeAudit(e.action)}
            {via && <span> via {via}</span>}
            {transition && <span className="ml-1 text-slate-500">({transition})</span>}
            {edited.length > 0 && <span className="ml-1 text-slate-500">: {edited.join(", ")}</span>}
            {reason && <span className="ml-1 text-slate-500">— {reason}</span>}
          </li>
        );
      })}
    </ol>
  );
}
