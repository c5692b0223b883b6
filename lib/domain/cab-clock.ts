// The meeting's time boxes (the seed's 15/20/15/10 minutes) laid end to end from the moment the chair
// started it. Every browser computes the same clock from the same two server facts — the meeting's
// startedAt and the part its current item belongs to — so the board sees one timer, not one per tab.

export interface ClockPart {
  id: string;
  title: string;
  minutes: number;
}

export interface PlannedPart extends ClockPart {
  /** Planned start and end of this part's box (ms since epoch). */
  startsAt: number;
  endsAt: number;
}

/** Where the current part stands against its box: not yet reached on the plan, inside it, or past it. */
export type PartPace = "AHEAD" | "ON_TIME" | "OVER";

export interface AgendaClock {
  parts: PlannedPart[];
  /** Index into parts of the part being discussed. */
  current: number;
  pace: PartPace;
  /** Time spent in the current part's box so far (0 while ahead of plan). */
  elapsedMs: number;
  /** Time left in the box; negative when over. */
  remainingMs: number;
  /** Since the meeting started, and its planned total. */
  meetingElapsedMs: number;
  meetingPlannedMs: number;
}

const MINUTE = 60_000;

/** The parts' boxes laid end to end from `startedAt`. */
export function planParts(parts: readonly ClockPart[], startedAt: number): PlannedPart[] {
  let at = startedAt;
  return parts.map((p) => {
    const planned = { ...p, startsAt: at, endsAt: at + p.minutes * MINUTE };
    at = planned.endsAt;
    return planned;
  });
}

/**
 * The clock at `now`. `currentPartId`: the part of the item being discussed; with none (the walk has
 * not begun), the part whose box holds `now` (the last once the plan has run out).
 */
export function agendaClock(parts: readonly ClockPart[], startedAt: number, currentPartId: string | null, now: number): AgendaClock {
  if (parts.length === 0) throw new Error("An agenda clock needs at least one part");
  const planned = planParts(parts, startedAt);
  let current = currentPartId ? planned.findIndex((p) => p.id === currentPartId) : -1;
  if (current < 0) {
    current = planned.findIndex((p) => now < p.endsAt);
    if (current < 0) current = planned.length - 1;
  }
  const part = planned[current]!;
  const pace: PartPace = now < part.startsAt ? "AHEAD" : now < part.endsAt ? "ON_TIME" : "OVER";
  return {
    parts: planned,
    current,
    pace,
    elapsedMs: Math.max(0, now - part.startsAt),
    remainingMs: part.endsAt - Math.max(now, part.startsAt),
    meetingElapsedMs: Math.max(0, now - startedAt),
    meetingPlannedMs: planned[planned.length - 1]!.endsAt - startedAt,
  };
}

/** 125_000 → "2:05"; negative durations read as their size (the caller says "over"). */
export function formatClock(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
