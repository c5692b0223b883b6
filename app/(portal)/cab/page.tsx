import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { formatInZone } from "@/lib/domain/local-time";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { listMeetings } from "@/lib/server/cab-queries";
import { meetingStatusLabel } from "@/lib/domain/vocabulary";

export const metadata = { title: "CAB meetings" };

const STATUS_TONE = { SCHEDULED: "blue", IN_PROGRESS: "amber", CLOSED: "slate" } as const;
type Row = Awaited<ReturnType<typeof listMeetings>>["upcoming"][number];

function MeetingList({ rows, zone, empty }: { rows: Row[]; zone: string; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {rows.map((m) => (
        <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
          <Link href={`/cab/${m.id}`} className="font-medium text-indigo-700 hover:underline">
            {formatInZone(m.startsAt, zone)}
          </Link>
          <span className="flex items-center gap-3 text-slate-600">
            <span>{m.agendaChanges} change{m.agendaChanges === 1 ? "" : "s"} on the agenda</span>
            <span>{m.present} present</span>
            <Badge tone={STATUS_TONE[m.status as keyof typeof STATUS_TONE] ?? "slate"}>{meetingStatusLabel(m.status)}</Badge>
          </span>
        </li>
      ))}
    </ul>
  );
}

export default async function CabPage() {
  await requireActor("/cab");
  const [{ upcoming, past, timeZone }, zone] = await Promise.all([listMeetings(), viewerTimeZone()]);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Change Advisory Board</h1>
        <p className="text-sm text-slate-600">The CAB meets weekly ({timeZone}); submitted changes join the next meeting whose agenda is not yet frozen.</p>
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="Upcoming meetings">
          <MeetingList rows={upcoming} zone={zone} empty="No upcoming meetings." />
        </Card>
        <Card title="Past meetings">
          <MeetingList rows={past} zone={zone} empty="No meetings yet." />
        </Card>
      </div>
    </div>
  );
}
