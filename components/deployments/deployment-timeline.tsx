// The deployment's timeline: every DeploymentEvent in order, with its kind, local time and message.
// Shared by the history's deployment page and the live deploy view (issue 4), which passes fresh events.
import { formatLocal } from "@/lib/domain/history-row";
import { codeWords, deploymentEventLabel } from "@/lib/domain/vocabulary";

export interface TimelineEvent {
  id: string | number | bigint;
  at: Date;
  kind: string;
  message: string;
  data?: unknown;
}

const KIND_TONES: Array<[RegExp, string]> = [
  [/fail|breach|abort|error/i, "bg-red-500"],
  [/roll/i, "bg-amber-500"],
  [/succe|complete|promot|finish/i, "bg-green-600"],
  [/gate|reading|metric/i, "bg-violet-500"],
];

const dotTone = (kind: string) => KIND_TONES.find(([re]) => re.test(kind))?.[1] ?? "bg-slate-400";

/**
 * What an event's data adds to its message, in words. The data also holds the orchestrator's own
 * bookkeeping (sandbox time, step index, weight fraction, rule ids) that the message already says in
 * words, so only these keys are shown.
 */
function details(data: unknown, zone: string): string | null {
  if (data === null || data === undefined || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.until === "string" || d.until instanceof Date) parts.push(`Until ${formatLocal(new Date(d.until), zone)}`);
  if (Array.isArray(d.alarms) && d.alarms.length > 0) parts.push(`Alarms: ${d.alarms.join(", ")}`);
  if (typeof d.reason === "string" && d.reason) parts.push(d.reason);
  if (typeof d.kind === "string" && d.kind) parts.push(`AWS error: ${codeWords(d.kind).toLowerCase()}`);
  return parts.length > 0 ? parts.join(" · ") : null;
}

export function DeploymentTimeline({ events, zone }: { events: readonly TimelineEvent[]; zone: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">No events were recorded for this deployment.</p>;
  return (
    <ol aria-label="Deployment timeline" className="relative space-y-3 border-l border-slate-200 pl-5">
      {events.map((e) => {
        const extra = details(e.data, zone);
        return (
          <li key={String(e.id)} className="relative">
            <span aria-hidden className={`absolute -left-[26px] top-1.5 h-2.5 w-2.5 rounded-full ring-2 ring-white ${dotTone(e.kind)}`} />
            <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <time dateTime={e.at.toISOString()} className="font-mono text-xs text-slate-500">
                {formatLocal(e.at, zone)}:{String(e.at.getUTCSeconds()).padStart(2, "0")}
              </time>
              <span className="rounded bg-slate-100 px-1.5 text-xs font-medium text-slate-700" data-kind={e.kind}>
                {deploymentEventLabel(e.kind)}
              </span>
              <span className="text-slate-800">{e.message}</span>
            </div>
            {extra && <p className="mt-0.5 text-xs text-slate-500">{extra}</p>}
          </li>
        );
      })}
    </ol>
  );
}
