import "server-only";
// What a meeting's agenda is built from, read with plain SQL: an agenda can hold hundreds of
// changes with their votes, and the ORM's nested results cost far more CPU than the rows do.
import { readSql } from "@/lib/db";
import { APPROVALS_JSON, approvalFromJson, type ApprovalJson } from "./approvals-sql";
import type { AgendaCr, AgendaDeployment } from "@/lib/domain/cab-agenda";

type RawCr = Omit<AgendaCr, "approvals"> & { approvals: ApprovalJson[] };

/** Changes on the meeting's agenda, emergency changes awaiting their retrospective, and those decided in it. */
export async function agendaChanges(meetingId: string): Promise<AgendaCr[]> {
  // Three indexed lookups joined by UNION; one OR across them would scan every change request.
  const rows = await readSql<RawCr[]>`
    WITH ids AS (
      SELECT id FROM "ChangeRequest" WHERE "cabMeetingId" = ${meetingId}
      UNION SELECT id FROM "ChangeRequest" WHERE "retroStatus" = 'PENDING' AND emergency
      UNION SELECT c.id FROM "Approval" a JOIN "ChangeRequest" c ON c.id = a."crId" WHERE a."meetingId" = ${meetingId} AND c.emergency
    )
    SELECT c.id, c.number, c.summary, c.risk::text AS risk, c.state::text AS state, c."requesterId", u.name AS "requesterName",
      c."cabMeetingId", c."approvalRound", c.emergency, c."retroStatus"::text AS "retroStatus", c."suggestedRisk"::text AS "suggestedRisk",
      c."riskJustification", c."createdAt", c."submittedAt",
      ${APPROVALS_JSON} AS approvals
    FROM ids JOIN "ChangeRequest" c ON c.id = ids.id JOIN "User" u ON u.id = c."requesterId"`;
  return rows.map((r) => ({ ...r, approvals: r.approvals.map(approvalFromJson) }));
}

/** Deployments that finished in the week before the meeting, for the "previous week" section. */
export async function agendaDeployments(from: Date, to: Date): Promise<AgendaDeployment[]> {
  const rows = await readSql<(Omit<AgendaDeployment, "summary"> & { summary: string | null; functionName: string })[]>`
    SELECT d.id, d."crId", c.number AS "crNumber", c.summary, c.risk::text AS risk, d.kind::text AS kind, d.outcome::text AS outcome,
      d."finishedAt", d."functionName"
    FROM "Deployment" d LEFT JOIN "ChangeRequest" c ON c.id = d."crId"
    WHERE d."finishedAt" >= ${from} AND d."finishedAt" < ${to}`;
  return rows.map(({ functionName, ...d }) => ({ ...d, summary: d.summary ?? `Deploy of ${functionName}` }));
}
