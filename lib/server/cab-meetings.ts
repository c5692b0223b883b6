import "server-only";
import { db, readDb, type Tx } from "@/lib/db";
import { meetingSlotsBetween, type MeetingSlot } from "@/lib/domain/cab-schedule";
import type { Policy } from "@/lib/domain/policy";

/**
 * The CabMeeting row for a slot, created if missing. startsAt is unique and the insert is
 * ON CONFLICT DO NOTHING, so two submits racing for the same new slot share one meeting and
 * neither transaction aborts.
 */
export async function ensureMeeting(tx: Tx | typeof db, slot: MeetingSlot) {
  await tx.cabMeeting.createMany({ data: [{ startsAt: slot.startsAt, endsAt: slot.endsAt }], skipDuplicates: true });
  return tx.cabMeeting.findUniqueOrThrow({ where: { startsAt: slot.startsAt } });
}

/** Meetings for the next `weeks` weeks exist, so the CAB page can list them before anyone submits. */
export async function ensureUpcomingMeetings(policy: Pick<Policy, "timeZone" | "cab">, now: Date, weeks = 4) {
  const slots = meetingSlotsBetween(now, new Date(now.getTime() + weeks * 7 * 86_400_000), policy);
  if (slots.length === 0) return;
  await db.cabMeeting.createMany({ data: slots.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })), skipDuplicates: true });
}

/** One meeting's row (Kysely on pg: the CR page and the meeting page read it on every view), or null. */
export async function meetingById(id: string) {
  const meeting = await readDb.selectFrom("CabMeeting as m").leftJoin("User as u", "u.id", "m.chairId")
    .select(["m.id", "m.startsAt", "m.endsAt", "m.status", "m.startedAt", "m.closedAt", "m.agendaFrozenAt", "m.currentItem", "m.minutes", "m.chairId", "u.name as chairName"])
    .where("m.id", "=", id).executeTakeFirst();
  return meeting ?? null;
}
