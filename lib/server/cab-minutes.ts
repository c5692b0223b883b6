import "server-only";
// Appending to a meeting's minutes. One SQL concatenation, so entries written by two transactions at
// once (two members' votes) both land: a read-modify-write of the text would lose one of them.
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "kysely";
import { readDb, writeIn, type Tx } from "@/lib/db";
import { minutesLine } from "@/lib/domain/cab-minutes";
import { approverSeatLabel } from "@/lib/domain/policy";

export async function appendMinutes(tx: Tx, meetingId: string, at: Date, text: string) {
  await writeIn(tx, readDb.updateTable("CabMeeting").set((eb) => ({ minutes: eb("minutes", "||", minutesLine(at, text)), updatedAt: sql<Date>`now()` })).where("id", "=", meetingId));
}

/** "Dana Park (SRE)", as the minutes name someone acting at the meeting. */
export function minutesName(actor: Pick<Actor, "name" | "roles">): string {
  const seat = approverSeatLabel(actor.roles);
  return seat ? `${actor.name} (${seat})` : actor.name;
}

const VERB = { APPROVE: "approved", REJECT: "rejected", REQUEST_CHANGES: "requested changes to" } as const;

/** A vote as the minutes record it: who, what, on which change, and what they said. */
export function voteMinutes(actor: Pick<Actor, "name" | "roles">, decision: keyof typeof VERB, cr: { number: string }, comment: string | null | undefined, retrospective = false): string {
  const said = comment?.trim() ? `: “${comment.trim()}”` : "";
  return `${minutesName(actor)} ${VERB[decision]} ${retrospective ? "emergency change " : ""}${cr.number}${retrospective ? " retrospectively" : ""}${said}`;
}
