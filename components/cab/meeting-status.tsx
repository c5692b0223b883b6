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
  chairName: string | null;
  viewerIsChair: boolean;
}

/**
 * Where the meeting stands in time, in words: who can start it and from when, and whether votes cast
 * on this page count as in-meeting votes. The service refuses a start outside the window; this says
 * so beforehand.
 */
export function MeetingStatus({ t, now, zone }: { t: MeetingTiming; now: Date; zone: string }) {
  const hm = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("HH:mm");
  const who = t.viewerIsChair ? "You chair it and can start it" : t.chairName ? `${t.chairName} chairs it and can start it` : "Nobody has taken the chair yet; its chair can start it";
  if (t.status === "CLOSED") return null;
  if (t.status === "IN_PROGRESS") {
    if (t.running) return <Alert tone="success">Running since {t.startedAt ? hm(t.startedAt) : "—"}{t.chairName ? `, chaired by ${t.chairName}` : ""}: votes cast here count as in-meeting votes.</Alert>;
    return (
      <Alert tone="warning">
        This meeting ran past {hm(t.endsAt)} by more than {t.toleranceMinutes} minutes: votes here are refused. The chair closes it; vote on each change&apos;s page (out-of-meeting votes follow the stricter count).
      </Alert>
    );
  }
  if (now < t.opensAt) {
    return (
      <Alert tone="info">
        Not started yet. {who} from <strong>{formatInZone(t.opensAt, zone)}</strong> ({t.toleranceMinutes} minutes before its slot) until {hm(t.endsAt)}. Until it runs, votes here are not taken: vote on the change&apos;s page instead.
      </Alert>
    );
  }
  if (now < t.endsAt) return <Alert tone="info">Not started yet. {who} now{t.viewerIsChair ? ": press Start meeting" : ""}.</Alert>;
  return <Alert tone="warning">Its slot ended at {hm(t.endsAt)} without the meeting being started; it can no longer be started. Vote on each change&apos;s page instead.</Alert>;
}
