// Repeated failed sign-ins are slowed down per account: the first few are free, then each further
// attempt must wait twice as long as the previous one (30 s, 60 s, …), capped at 15 minutes. Long
// enough to stop guessing, short enough that a person who mistyped is not locked out for good.

export const FREE_FAILURES = 3;
export const MAX_WAIT_SECONDS = 15 * 60;

export function waitSecondsAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_WAIT_SECONDS, 30 * 2 ** (failures - FREE_FAILURES));
}

/** Seconds the account must still wait before another attempt is even checked (0 = may try now). */
export function secondsUntilNextAttempt(failures: number, lastFailureAt: Date | null, now: Date): number {
  if (!lastFailureAt) return 0;
  const readyAt = lastFailureAt.getTime() + waitSecondsAfter(failures) * 1000;
  return Math.max(0, Math.ceil((readyAt - now.getTime()) / 1000));
}
