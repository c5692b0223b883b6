// A service's CloudWatch alarm gates with their current state (plain markup: usable from server and
// client components alike).
import { Badge, type Tone } from "@/components/ui/badge";
import type { AlarmStateView } from "@/lib/domain/alarm-gate";
import { formatInZone } from "@/lib/domain/local-time";

const TONE: Record<AlarmStateView["state"], Tone> = { OK: "green", ALARM: "red", INSUFFICIENT_DATA: "slate", MISSING: "amber" };
const LABEL: Record<AlarmStateView["state"], string> = { OK: "OK", ALARM: "ALARM", INSUFFICIENT_DATA: "Insufficient data", MISSING: "Not found in CloudWatch" };

export function AlarmStates({ alarms, error, zone }: { alarms: AlarmStateView[]; error?: string | null; zone: string }) {
  if (alarms.length === 0 && !error) return null;
  return (
    <div className="space-y-1 text-xs" aria-label="Alarm gates">
      <p className="font-medium text-slate-600">Alarms (gates): any in ALARM stops a running deployment and rolls it back</p>
      {error && <p className="text-amber-700">{error}</p>}
      <ul className="space-y-1">
        {alarms.map((a) => (
          <li key={a.name} className="flex flex-wrap items-center gap-2" title={a.reason}>
            <Badge tone={TONE[a.state]}>{LABEL[a.state]}</Badge>
            <span className="font-mono">{a.name}</span>
            {a.describe && <span className="text-slate-500">{a.describe}</span>}
            {a.since && <span className="text-slate-500">since {formatInZone(new Date(a.since), zone)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
