import "server-only";
// What a meeting's agenda is built from, read with plain SQL: an agenda can hold hundreds of
// changes with their votes, and the ORM's nested results cost far more CPU than the rows do.
import { sql } from "kysely";
import { readDb } from "@/lib/db";
import { approvalFromJson, approvalsJson } from "./approvals-sql";
import type { AgendaCr, AgendaDeployment } from "@/lib/domain/cab-agenda";

/** Changes on the meeting's agenda, emergency changes awaiting their retrospective, and those decided in it. */
export async function agendaChanges(meetingId: string): Promise<AgendaCr[]> {
  // Three indexed lookups joined by UNION; one OR across them would scan every change request.
  const rows = await readDb
    .with("ids", (q) => q.selectFrom("ChangeRequest").select("id").where("cabMeetingId", "=", meetingId)
      .union(q.selectFrom("ChangeRequest").select("id").where("retroStatus", "=", sql.lit("PENDING")).where((eb) => eb.ref("emergency")))
      .union(q.selectFrom("Approval as a").innerJoin("ChangeRequest as c", "c.id", "a.crId").select("c.id").where("a.meetingId", "=", meetingId).where((eb) => eb.ref("c.emergency"))))
    .selectFrom("ids")
    .innerJoin("ChangeRequest as c", "c.id", "ids.id")
    .innerJoin("User as u", "u.id", "c.requesterId")
    .select(["c.id", "c.number", "c.summary", "c.risk", "c.state", "c.requesterId", "u.name as requesterName", "c.cabMeetingId", "c.approvalRound", "c.emergency",
      "c.retroStatus", "c.suggestedRisk", "c.riskJustification", "c.createdAt", "c.submittedAt"])
    .select(approvalsJson.as("approvals"))
    .execute();
  // Each field named: copying pg's row objects by spread cost several times more CPU (see loadWorkCandidates).
  return rows.map((r) => ({
    id: r.id, number: r.number, summary: r.summary, risk: r.risk, state: r.state, requesterId: r.requesterId, requesterName: r.requesterName,
    cabMeetingId: r.cabMeetingId, approvalRound: r.approvalRound, emergency: r.emergency, retroStatus: r.retroStatus, suggestedRisk: r.suggestedRisk,
    riskJustification: r.riskJustification, createdAt: r.createdAt, submittedAt: r.submittedAt,
    approvals: r.approvals.length === 0 ? [] : r.approvals.map(approvalFromJson),
  }));
}

/** Deployments that finished in the week before the meeting, for the "previous week" section. */
export async function agendaDeployments(from: Date, to: Date): Promise<AgendaDeployment[]> {
  const rows = await readDb
    .selectFrom("Deployment as d")
    .leftJoin("ChangeRequest as c", "c.id", "d.crId")
    .select(["d.id", "d.crId", "c.number as crNumber", "c.summary", "c.risk", "d.kind", "d.outcome", "d.finishedAt", "d.functionName"])
    .where("d.finishedAt", ">=", from).where("d.finishedAt", "<", to)
    .execute();
  return rows.map(({ functionName, ...d }) => ({ ...d, summary: d.summary ?? `Deploy of ${functionName}` }));
}
