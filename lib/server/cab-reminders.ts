import "server-only";
// The CAB's reminders the day before a meeting: its agenda is ready (how many changes await a vote),
// and which emergency changes await their retrospective approval there. What is on the agenda is
// the meeting page's own answer (getMeetingAgenda → buildAgenda), not a second reading of the rules.
// Each reminder is one notify() occurrence keyed by the meeting, so a schedule running every minute
// on every worker tells each member once.
import { db } from "@/lib/db";
import type { AgendaSection, ChangeItem } from "@/lib/domain/cab-agenda";
import { nextMeeting } from "@/lib/domain/cab-schedule";
import { formatInZone } from "@/lib/domain/local-time";
import { ensureMeeting } from "./cab-meetings";
import { getMeetingAgenda } from "./cab-queries";
import { notified, notify } from "./notify";
import { getActivePolicy } from "./policy-store";

/** How long before a meeting its reminders go out ("the day before"). */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

const changes = (sections: AgendaSection[], ids: AgendaSection["id"][]) =>
  sections.filter((s) => ids.includes(s.id)).flatMap((s) => s.items.filter((i): i is ChangeItem => i.type === "change"));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Sends the reminders due at `now`; how many meetings were looked at and reminders written. */
export async function sendCabReminders(now: Date): Promise<{ meetings: number; reminders: number }> {
  const { policy } = await getActivePolicy();
  const horizon = now.getTime() + REMINDER_LEAD_MS;
  // The policy's next slot gets its row even if nobody submitted to it: retrospectives fall due there anyway.
  const slot = nextMeeting(now, policy);
  if (slot.startsAt.getTime() <= horizon) await ensureMeeting(db, slot);
  const meetings = await db.cabMeeting.findMany({
    where: { status: "SCHEDULED", startsAt: { gt: now, lte: new Date(horizon) } },
    select: { id: true },
    orderBy: { startsAt: "asc" },
  });
  let reminders = 0;
  for (const { id } of meetings) {
    // Once both went out there is nothing left to say: skip the agenda read the other runs would repeat.
    if ((await notified(db, "cab.agenda-ready", id)) && (await notified(db, "retro.due", id))) continue;
    const { meeting, sections } = await getMeetingAgenda(id, now);
    const when = formatInZone(meeting.startsAt, policy.timeZone);
    const href = `/cab/${meeting.id}`;
    const voting = changes(sections, ["UPCOMING", "HIGH_RISK"]).filter((c) => c.status === "AWAITING");
    const high = voting.filter((c) => c.risk === "HIGH").length;
    const others = sections.filter((s) => s.id === "PREVIOUS_WEEK" || s.id === "INCIDENT_RETRO").flatMap((s) => s.items);
    const deployments = others.filter((i) => i.type === "deployment").length;
    const incidents = others.filter((i) => i.type === "incident").length;
    const retros = changes(sections, ["INCIDENT_RETRO"]).filter((c) => c.retrospective && c.status === "AWAITING");
    await db.$transaction(async (tx) => {
      await notify(tx, {
        event: "cab.agenda-ready",
        key: meeting.id,
        title: `CAB agenda for ${when}: ${plural(voting.length, "change")} to vote on`,
        body: [
          `${plural(voting.length, "change")} await${voting.length === 1 ? "s" : ""} the CAB's vote${high ? ` (${high} high risk)` : ""}.`,
          `${plural(deployments, "deployment")} from the previous week and ${plural(incidents, "incident")} to review.`,
          retros.length ? `${plural(retros.length, "emergency change")} await${retros.length === 1 ? "s" : ""} retrospective approval.` : "",
        ].filter(Boolean).join(" "),
        href,
        actorId: null,
        actions: [{ kind: "open" }],
      });
      if (retros.length === 0) return;
      await notify(tx, {
        event: "retro.due",
        key: meeting.id,
        title: `${plural(retros.length, "retrospective approval")} due at the CAB on ${when}`,
        body: retros.map((c) => `${c.number}: ${c.summary}${c.retrospective?.overdue ? " (overdue)" : ""}`).join("\n"),
        href,
        crId: retros.length === 1 ? retros[0]!.crId : null,
        actorId: null,
        actions: [{ kind: "open" }],
      });
    });
    reminders += retros.length ? 2 : 1;
  }
  return { meetings: meetings.length, reminders };
}

export interface ReminderSchedule {
  stop(): Promise<void>;
}

/**
 * Runs sendCabReminders now and every `everyMs` (a minute) until stopped; a run still going when the
 * next is due is not doubled. Safe on any number of workers: the occurrence keys make it send once.
 */
export function startReminderSchedule(o: { everyMs?: number; now?: () => Date; log?: (m: string) => void } = {}): ReminderSchedule {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sendCabReminders(o.now?.() ?? new Date())
      .then(() => undefined)
      .catch((e: unknown) => o.log?.(`CAB reminders: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, o.everyMs ?? 60_000);
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
