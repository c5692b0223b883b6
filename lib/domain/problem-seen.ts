// "Problem seen at" on a manual rollback: the detection time mean time to rollback starts from. It is
// what the person says, so it is bounded by what is known: not after the rollback (a browser clock a
// little ahead is forgiven and the time taken as the rollback's), not before the deployment being
// rolled back started (the problem cannot predate the change it blames).
import { formatInZone } from "./local-time";

/** How far ahead of the server a browser's clock may be before "now" counts as the future. */
export const CLOCK_SKEW_MS = 2 * 60_000;
const MINUTE_MS = 60_000;

export type ProblemSeen = { at: Date; error?: undefined } | { at?: undefined; error: string };

export function resolveProblemSeen(
  said: Date | undefined,
  ctx: { rollbackAt: Date; revertedStartedAt: Date | null; timeZone: string },
): ProblemSeen {
  if (!said) return { at: ctx.rollbackAt };
  if (said.getTime() > ctx.rollbackAt.getTime() + CLOCK_SKEW_MS) {
    return { error: `The problem cannot have been seen after the rollback (${formatInZone(ctx.rollbackAt, ctx.timeZone)}): give the time it was noticed` };
  }
  // The form gives minutes and the browser's clock may lag: a time within that of the start is the start.
  const started = ctx.revertedStartedAt?.getTime();
  if (started !== undefined && said.getTime() < started - MINUTE_MS - CLOCK_SKEW_MS) {
    return { error: `The problem cannot have been seen before the deployment being rolled back started (${formatInZone(ctx.revertedStartedAt!, ctx.timeZone)})` };
  }
  return { at: new Date(Math.min(Math.max(said.getTime(), started ?? -Infinity), ctx.rollbackAt.getTime())) };
}
