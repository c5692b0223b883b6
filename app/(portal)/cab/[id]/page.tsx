import { DateTime } from "luxon";
import { notFound } from "next/navigation";
import { AgendaItemRow, itemKey } from "@/components/cab/agenda-item";
import { AgendaWalkForm } from "@/components/cab/agenda-walk-form";
import { AttendanceButton, CloseMeetingButton, MinutesForm } from "@/components/cab/meeting-controls";
import { MeetingStatus } from "@/components/cab/meeting-status";
import { VoteForm } from "@/components/changes/vote-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { meetingRunningAt } from "@/lib/domain/approval-tally";
import { meetingStartWindow } from "@/lib/domain/cab-schedule";
import { approverSeatLabel } from "@/lib/domain/policy";
import { formatInZone } from "@/lib/domain/local-time";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { isAppError } from "@/lib/errors";
import { getMeetingAgenda } from "@/lib/server/cab-queries";
import { voteAction } from "../../changes/approval-actions";
import { attendanceAction, closeMeetingAction, currentItemAction, noteAction, retrospectiveVoteInMeetingAction } from "../actions";
import { meetingStatusLabel } from "@/lib/domain/vocabulary";

export const metadata = { title: "CAB meeting" };

// One form carries every "Discuss" / "Previous" / "Next" button (they name it with form=), so a
// 300-item agenda renders one server-action form, not 300.
const WALK_FORM = "agenda-walk";
function WalkButton({ item, label }: { item: string; label: string }) {
  return (
    <button type="submit" form={WALK_FORM} name="item" value={item} className="rounded border px-2 text-xs">
      {label}
    </button>
  );
}

// A section longer than this shows its first items and a link to the rest: a board walks an agenda
// from the top, and a 300-change section rendered whole made the page ~800 KB.
const SECTION_PREVIEW = 20;

export default async function MeetingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ vote?: string; all?: string }> }) {
  const { id } = await params;
  // The vote form renders for the item being discussed, or the one a member opened with ?vote=<crId>.
  const { vote: voteFor, all: expanded } = await searchParams;
  const actor = await requireActor(`/cab/${id}`);
  const { meeting, sections, attendees, policy } = await getMeetingAgenda(id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const zone = await viewerTimeZone();
  const open = meeting.status !== "CLOSED";
  const runs = can(actor, "meeting:run") && open;
  const votes = can(actor, "change:vote") && open;
  const retroVotes = can(actor, "change:retro-vote") && open;
  const keys = sections.flatMap((s) => s.items.map(itemKey));
  const at = meeting.currentItem ? keys.indexOf(meeting.currentItem) : -1;
  const present = attendees.some((a) => a.userId === actor.id);
  const total = sections.reduce((n, s) => n + s.items.length, 0);
  const now = new Date();
  // Votes tagged with this meeting are taken only while it runs (the vote service refuses otherwise).
  const running = meeting.status === "IN_PROGRESS" && meetingRunningAt(meeting, now, policy);
  const timing = { ...meeting, opensAt: meetingStartWindow(meeting, policy).opensAt, running, toleranceMinutes: policy.cab.meeting.startToleranceMinutes };
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">CAB meeting, {formatInZone(meeting.startsAt, zone)}</h1>
          <p className="mt-1 flex items-center gap-2 text-sm text-slate-600">
            <Badge tone={open ? (meeting.status === "IN_PROGRESS" ? "amber" : "blue") : "slate"}>{meetingStatusLabel(meeting.status)}</Badge>
            {total} agenda item{total === 1 ? "" : "s"} · until {DateTime.fromJSDate(meeting.endsAt, { zone }).toFormat("HH:mm")}
          </p>
        </div>
        {runs && (
          <div className="flex flex-wrap items-start gap-2">
            <AttendanceButton meetingId={meeting.id} present={present} mark={attendanceAction} />
            <CloseMeetingButton meetingId={meeting.id} close={closeMeetingAction} />
          </div>
        )}
      </header>
      <MeetingStatus t={timing} now={now} zone={zone} />
      {runs && <AgendaWalkForm id={WALK_FORM} meetingId={meeting.id} walk={currentItemAction} />}
      {runs && keys.length > 0 && (
        <nav aria-label="Agenda walk" className="sticky top-0 z-10 flex items-center gap-2 rounded-md border border-slate-200 bg-white/95 px-3 py-2 text-sm shadow-sm">
          <span className="text-slate-600">{at >= 0 ? `Discussing item ${at + 1} of ${keys.length}` : "Agenda walk not started"}</span>
          {at > 0 && <WalkButton item={keys[at - 1]!} label="← Previous" />}
          {at < keys.length - 1 && <WalkButton item={keys[at + 1]!} label={at < 0 ? "Start with item 1 →" : "Next →"} />}
        </nav>
      )}
      <div className="grid gap-5 lg:grid-cols-4">
        <div className="space-y-4 lg:col-span-3">
          {sections.map((s) => {
            // The item being discussed and the one opened for a vote stay visible in a shortened section.
            const shown = expanded === s.id ? s.items : s.items.filter((item, i) => i < SECTION_PREVIEW || itemKey(item) === meeting.currentItem || (item.type === "change" && item.crId === voteFor));
            const hidden = s.items.length - shown.length;
            return (
            <Card key={s.id} title={`${s.title} (${s.minutes} min)`} actions={<span className="text-xs text-slate-500">{s.items.length} item{s.items.length === 1 ? "" : "s"}</span>}>
              {s.items.length === 0 ? (
                <p className="text-sm text-slate-500">Nothing for this section.</p>
              ) : (
                <>
                <ol id={`section-${s.id}`} className="space-y-1" aria-label={s.title}>
                  {shown.map((item) => {
                    const key = itemKey(item);
                    const current = key === meeting.currentItem;
                    // Standard CAB votes on the change sections; retrospective votes on pending emergency changes.
                    const retro = item.type === "change" && item.emergency && !!item.retrospective && item.status === "AWAITING";
                    const votable = item.type === "change" && item.status === "AWAITING" && (retro ? retroVotes : votes && !item.emergency);
                    const votedAlready = item.type === "change" && retro && item.votes.some((v) => v.userId === actor.id);
                    let voteSlot = null;
                    if (votable && item.requester.id === actor.id) voteSlot = <p className="mt-1 text-xs text-slate-500">You cannot approve your own change.</p>;
                    else if (votable && votedAlready) voteSlot = <p className="mt-1 text-xs text-slate-500">You have voted; the decision waits for more CAB members.</p>;
                    else if (votable && !running)
                      voteSlot = (
                        <p className="mt-1 text-xs text-slate-500">
                          Votes here open while the meeting runs; until then,{" "}
                          <a className="font-medium text-indigo-700" href={`/changes/${item.crId}`}>
                            vote on {item.number}&apos;s page
                          </a>
                          .
                        </p>
                      );
                    else if (votable && (current || voteFor === item.crId))
                      voteSlot = (
                        <div className="mt-2 max-w-xl">
                          {retro ? (
                            <VoteForm crId={item.crId} meetingId={meeting.id} vote={retrospectiveVoteInMeetingAction} label={`Retrospective vote on ${item.number}`} decisions={["APPROVE", "REJECT"]} />
                          ) : (
                            <VoteForm crId={item.crId} meetingId={meeting.id} vote={voteAction} label={`Vote on ${item.number}`} />
                          )}
                        </div>
                      );
                    else if (votable)
                      voteSlot = (
                        <a href={`?vote=${item.crId}#item-${item.crId}`} className="mt-1 inline-block text-xs font-medium text-indigo-700">
                          {retro ? "Retrospective vote" : "Vote"} on {item.number}
                        </a>
                      );
                    return (
                      <AgendaItemRow key={key} item={item} current={current} zone={zone} voteSlot={voteSlot} discuss={runs && !current ? <WalkButton item={key} label="Discuss" /> : null} />
                    );
                  })}
                </ol>
                {hidden > 0 && (
                  <a href={`?all=${s.id}#section-${s.id}`} className="mt-2 inline-block text-sm font-medium text-indigo-700">
                    Show all {s.items.length} items in this section ({hidden} more)
                  </a>
                )}
                </>
              )}
            </Card>
            );
          })}
        </div>
        <div className="space-y-4">
          <Card title={`Present (${attendees.length})`}>
            {attendees.length === 0 ? (
              <p className="text-sm text-slate-500">Nobody has marked attendance yet.</p>
            ) : (
              <ul className="space-y-0.5 text-sm" aria-label="Attendees">
                {attendees.map((a) => (
                  <li key={a.userId}>
                    {a.name} <span className="text-slate-500">{approverSeatLabel(a.roles)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Minutes">
            <MinutesForm meetingId={meeting.id} minutes={meeting.minutes} save={noteAction} readOnly={!runs} />
          </Card>
        </div>
      </div>
    </div>
  );
}
