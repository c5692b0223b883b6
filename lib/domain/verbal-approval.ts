// When a recorded verbal approval may say it was given: after its incident was declared and not in
// the future. Times are typed to the minute, so a time in the minute of the declaration (or of now)
// is within bounds. The recording service refuses outside them; readiness ignores such a record.

export const MINUTE_MS = 60_000;

export type VerbalTimeProblem = "FUTURE" | "BEFORE_INCIDENT";

export function verbalApprovalTimeProblem(approvedAt: Date, incidentDeclaredAt: Date | null | undefined, now: Date): VerbalTimeProblem | null {
  if (approvedAt.getTime() > now.getTime() + MINUTE_MS) return "FUTURE";
  if (incidentDeclaredAt && approvedAt.getTime() < incidentDeclaredAt.getTime() - MINUTE_MS) return "BEFORE_INCIDENT";
  return null;
}
