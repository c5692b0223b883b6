// The deployment's timeline: every DeploymentEvent in order, with its kind, local time and message.
// Shared by the history's deployment page and the live deploy view (issue 4), which passes fresh events.
import { formatLocal } from "@/lib/domain/history-row";

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

function details(data: unknown): string | null {
  if (data === null || data === undefined) return null;
  if (typeof data !== "object") return String(data);
  const entries = Object.entries(data as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
  return entries.length > 0 ? entries.map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`).join(" · ") : null;
}

export function DeploymentTimeline({ events, zone }: { events: readonly TimelineEvent[]; zone: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">No events were recorded for this deployment.</p>;
  return (
    <ol aria-label="Deployment timeline" className="relative space-y-3 border-l border-slate-200 pl-5">
      {events.map((e) => {
        const extra = details(e.data);
        return (
          <li key={String(e.id)} className="relative">
            <span aria-hidden className={`absolute -left-[26px] top-1.5 h-2.5 w-2.5 rounded-full ring-2 ring-white ${dotTone(e.kind)}`} />
            <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <time dateTime={e.at.toISOString()} className="font-mono text-xs text-slate-500">
                {formatLocal(e.at, zone)}:{String(e.at.getUTCSeconds()).padStart(2, "0")}
              </time>
              <span className="rounded bg-slate-100 px-1.5 text-xs font-medium text-slate-700">{e.kind}</span>
              <span className="text-slate-800">{e.message}</span>
            </div>
            {extra && <p className="mt-0.5 text-xs text-slate-500">{extra}</p>}
          </li>
        );
      })}
    </ol>
  );
}
