import { DateTime } from "luxon";
import { Alert } from "@/components/ui/alert";
import { formatInZone } from "@/lib/domain/local-time";

export interface MeetingTiming {
  status: string;
  startsAt: Date;
  endsAt: Date;
  startedAt: Date | null;
  /** From meetingStartWindow: when a scheduled meeting may be started. */
  opensAt: Date;
  /** Whether votes cast here now count as in-meeting votes (meetingRunningAt). */
  running: boolean;
  toleranceMinutes: number;
}

/**
 * Where the meeting stands in time, in words: when it can be started, and whether votes cast on this
 * page count as in-meeting votes. Starting early is refused by the service; this says so beforehand.
 */
export function MeetingStatus({ t, now, zone }: { t: MeetingTiming; now: Date; zone: string }) {
  const hm = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("HH:mm");
  if (t.status === "CLOSED") return null;
  if (t.status === "IN_PROGRESS") {
    if (t.running) return <Alert tone="success">Running since {t.startedAt ? hm(t.startedAt) : "—"}: votes cast here count as in-meeting votes.</Alert>;
    return (
      <Alert tone="warning">
        This meeting ran past {hm(t.endsAt)} by more than {t.toleranceMinutes} minutes: votes here are refused. Close it, and vote on each change&apos;s page (out-of-meeting votes follow the stricter count).
      </Alert>
    );
  }
  if (now < t.opensAt) {
    return (
      <Alert tone="info">
        Not started yet. It can be started from <strong>{formatInZone(t.opensAt, zone)}</strong> ({t.toleranceMinutes} minutes before its slot) until {hm(t.endsAt)}, when a CAB member marks themselves present or walks the agenda. Until it runs, votes here are not taken: vote on the change&apos;s page instead.
      </Alert>
    );
  }
  if (now < t.endsAt) return <Alert tone="info">Not started yet: it can be started now. Mark yourself present or start with item 1.</Alert>;
  return <Alert tone="warning">Its slot ended at {hm(t.endsAt)} without the meeting being started; it can no longer be started. Vote on each change&apos;s page instead.</Alert>;
}
