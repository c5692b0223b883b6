import { DateTime } from "luxon";
import { notFound } from "next/navigation";
import { AgendaItemRow, itemKey } from "@/components/cab/agenda-item";
import { AgendaWalkForm } from "@/components/cab/agenda-walk-form";
import { ChairControls } from "@/components/cab/chair-controls";
import { ChangeFacts, RetroFacts } from "@/components/cab/change-facts";
import { MeetingClock } from "@/components/cab/meeting-clock";
import { MeetingStatus } from "@/components/cab/meeting-status";
import { MinutesCard } from "@/components/cab/minutes-card";
import { RetroGroups } from "@/components/cab/retro-groups";
import { VoteSlot } from "@/components/cab/vote-slot";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { approvalRuleText, meetingRunningAt } from "@/lib/domain/approval-tally";
import type { AgendaItem, ChangeItem, IncidentItem } from "@/lib/domain/cab-agenda";
import { retrospectiveRuleText } from "@/lib/domain/cab-essentials";
import { groupRetrospective } from "@/lib/domain/cab-retro-groups";
import { meetingStartWindow } from "@/lib/domain/cab-schedule";
import { approverSeatLabel } from "@/lib/domain/policy";
import { formatInZone } from "@/lib/domain/local-time";
import { meetingStatusLabel } from "@/lib/domain/vocabulary";
import { isAppError } from "@/lib/errors";
import { getMeetingAgendaView } from "@/lib/server/cab-queries";
import { meetingPageDetails } from "@/lib/server/cab-meeting-page";
import { voteAction } from "../../changes/approval-actions";
import { attendanceAction, closeMeetingAction, currentItemAction, noteAction, retrospectiveVoteInMeetingAction, startMeetingAction, takeChairAction } from "../actions";

export const metadata = { title: "CAB meeting" };

// One form carries every "Discuss" / "Previous" / "Next" button (they name it with form=), so a
// 300-item agenda renders one server-action form, not 300.
const WALK_FORM = "agenda-walk";
function WalkButton({ item, label }: { item: string; label: string }) {
  return (
    <button type="submit" form={WALK_FORM} name="item" value={item} className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs">
      {label}
    </button>
  );
}

// A section longer than this shows its first items and a link to the rest: a board walks an agenda
// from the top, and a 300-change section rendered whole made the page ~800 KB.
const SECTION_PREVIEW = 20;

export default async function MeetingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ all?: string }> }) {
  const { id } = await params;
  const { all: expanded } = await searchParams;
  const actor = await requireActor(`/cab/${id}`);
  // Only the items shown are built (their votes tallied); each section keeps every key and its total.
  const show = (m: { currentItem: string | null }) => (section: string, i: number, key: string) =>
    expanded === section || section === "INCIDENT_RETRO" || i < SECTION_PREVIEW || key === m.currentItem;
  const { meeting, sections, attendees, policy } = await getMeetingAgendaView(id, show).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const zone = await viewerTimeZone();
  const now = new Date();
  const open = meeting.status !== "CLOSED";
  const member = can(actor, "meeting:run") && open;
  const isChair = meeting.chairId === actor.id;
  const walks = isChair && meeting.status === "IN_PROGRESS";
  // Votes tagged with this meeting are taken only while it runs (the vote service refuses otherwise).
  const running = meeting.status === "IN_PROGRESS" && meetingRunningAt(meeting, now, policy);
  const present = attendees.some((a) => a.userId === actor.id);
  const total = sections.reduce((n, s) => n + s.total, 0);

  const shown = new Map(sections.map((s) => [s.id, s.items]));
  const isChange = (i: AgendaItem): i is ChangeItem => i.type === "change";
  const retroItems = shown.get("INCIDENT_RETRO") ?? [];
  const { essentials, incidents } = await meetingPageDetails(
    [...shown.values()].flat().filter(isChange).map((c) => c.crId),
    retroItems.filter((i): i is IncidentItem => i.type === "incident"),
    now,
  );
  const groups = groupRetrospective(retroItems.filter(isChange), incidents, (crId) => essentials.get(crId)?.incidentId ?? null);
  // The walk follows the page's order: the retrospective incident by incident.
  const keys = sections.flatMap((s) =>
    s.id === "INCIDENT_RETRO" ? groups.flatMap((g) => [...(g.incident ? [itemKey(g.incident)] : []), ...g.changes.map(itemKey)]) : s.keys,
  );
  const at = meeting.currentItem ? keys.indexOf(meeting.currentItem) : -1;
  // The part the timer runs for: the current item's (an older incident shown only by the retrospective belongs to it).
  const currentPart = sections.find((s) => meeting.currentItem !== null && s.keys.includes(meeting.currentItem))?.id ?? (meeting.currentItem?.startsWith("incident:") ? "INCIDENT_RETRO" : null);
  const timing = {
    ...meeting,
    opensAt: meetingStartWindow(meeting, policy).opensAt,
    running,
    toleranceMinutes: policy.cab.meeting.startToleranceMinutes,
    viewerIsChair: isChair,
  };
  const discuss = (item: AgendaItem) => (walks && itemKey(item) !== meeting.currentItem ? <WalkButton item={itemKey(item)} label="Discuss" /> : null);

  const renderChange = (item: ChangeItem) => {
    const e = essentials.get(item.crId);
    const retro = item.emergency;
    const rule = e ? (retro ? retrospectiveRuleText(e.policy) : approvalRuleText(e.policy, item.risk)) : [];
    return (
      <AgendaItemRow
        key={item.crId}
        item={item}
        current={itemKey(item) === meeting.currentItem}
        zone={zone}
        discuss={discuss(item)}
        facts={e && (retro ? <RetroFacts e={e} requester={item.requester.name} zone={zone} /> : <ChangeFacts e={e} requester={item.requester.name} zone={zone} />)}
        voteSlot={
          <VoteSlot
            item={item}
            actorId={actor.id}
            meetingId={meeting.id}
            running={running}
            mayVote={can(actor, "change:vote") && open}
            mayRetroVote={can(actor, "change:retro-vote") && open}
            rule={rule}
            vote={voteAction}
            retroVote={retrospectiveVoteInMeetingAction}
          />
        }
      />
    );
  };

  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold">CAB meeting, {formatInZone(meeting.startsAt, zone)}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
            <Badge tone={open ? (meeting.status === "IN_PROGRESS" ? "amber" : "blue") : "slate"}>{meetingStatusLabel(meeting.status)}</Badge>
            <span>
              {total} agenda item{total === 1 ? "" : "s"} · until {DateTime.fromJSDate(meeting.endsAt, { zone }).toFormat("HH:mm")}
            </span>
            <span data-testid="meeting-chair">· Chair: {meeting.chairName ?? "nobody yet"}</span>
          </p>
        </div>
        {member && (
          <ChairControls
            meetingId={meeting.id}
            status={meeting.status}
            present={present}
            isChair={isChair}
            hasChair={!!meeting.chairId}
            canTakeOver={can(actor, "meeting:take-chair-over")}
            actions={{ attend: attendanceAction, takeChair: takeChairAction, start: startMeetingAction, close: closeMeetingAction }}
          />
        )}
      </header>
      <MeetingStatus t={timing} now={now} zone={zone} />
      {meeting.status === "IN_PROGRESS" && meeting.startedAt && (
        <MeetingClock parts={sections.map(({ id: pid, title, minutes }) => ({ id: pid, title, minutes }))} startedAt={meeting.startedAt.toISOString()} currentPartId={currentPart} serverNow={now.toISOString()} zone={zone} />
      )}
      {walks && <AgendaWalkForm id={WALK_FORM} meetingId={meeting.id} walk={currentItemAction} />}
      {walks && keys.length > 0 && (
        <nav aria-label="Agenda walk" className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white/95 px-3 py-2 text-sm shadow-sm">
          <span className="text-slate-600">{at >= 0 ? `Discussing item ${at + 1} of ${keys.length}` : "Agenda walk not started"}</span>
          {at > 0 && <WalkButton item={keys[at - 1]!} label="← Previous" />}
          {at < keys.length - 1 && <WalkButton item={keys[at + 1]!} label={at < 0 ? "Start with item 1 →" : "Next →"} />}
        </nav>
      )}
      <div className="grid gap-5 lg:grid-cols-4">
        <div className="min-w-0 space-y-4 lg:col-span-3">
          {sections.map((s, n) => {
            const items = shown.get(s.id) ?? [];
            const hidden = s.total - items.length;
            return (
              <Card key={s.id} title={`${n + 1}. ${s.title} (${s.minutes} min)`} actions={<span className="text-xs text-slate-500">{s.total} item{s.total === 1 ? "" : "s"}</span>}>
                {s.id === "INCIDENT_RETRO" ? (
                  <RetroGroups groups={groups} zone={zone} current={meeting.currentItem} renderChange={renderChange} discuss={discuss} />
                ) : s.total === 0 ? (
                  <p className="text-sm text-slate-500">Nothing for this part.</p>
                ) : (
                  <>
                    <ol id={`section-${s.id}`} className="space-y-2" aria-label={s.title}>
                      {items.map((item) => (item.type === "change" ? renderChange(item) : <AgendaItemRow key={itemKey(item)} item={item} current={itemKey(item) === meeting.currentItem} zone={zone} voteSlot={null} discuss={discuss(item)} />))}
                    </ol>
                    {hidden > 0 && (
                      <a href={`?all=${s.id}#section-${s.id}`} className="mt-2 inline-block text-sm font-medium text-indigo-700">
                        Show all {s.total} items in this part ({hidden} more)
                      </a>
                    )}
                  </>
                )}
              </Card>
            );
          })}
        </div>
        <div className="min-w-0 space-y-4">
          <Card title={`Present (${attendees.length})`}>
            {attendees.length === 0 ? (
              <p className="text-sm text-slate-500">Nobody has marked attendance yet.</p>
            ) : (
              <ul className="space-y-0.5 text-sm" aria-label="Attendees">
                {attendees.map((a) => (
                  <li key={a.userId}>
                    {a.name} <span className="text-slate-500">{a.userId === meeting.chairId ? "Chair" : approverSeatLabel(a.roles)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Minutes">
            <MinutesCard meetingId={meeting.id} minutes={meeting.minutes} zone={zone} canNote={isChair && open} downloadable={meeting.status !== "SCHEDULED"} addNote={noteAction} />
          </Card>
        </div>
      </div>
    </div>
  );
}
