import "server-only";
import { db, readDb } from "@/lib/db";
import { retrospectiveStatus } from "@/lib/domain/cab-agenda";
import { GATE_LABELS } from "@/lib/domain/vocabulary";
import { getActivePolicy } from "./policy-store";

/** Emergency changes still awaiting the CAB's retrospective decision, with when each is due. */
export async function retrospectivesPending(now = new Date()) {
  const [{ policy }, rows] = await Promise.all([
    getActivePolicy(),
    db.changeRequest.findMany({
      where: { emergency: true, retroStatus: "PENDING" },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: { id: true, number: true, summary: true, state: true, createdAt: true, submittedAt: true, emergency: true, retroStatus: true, incidentId: true },
    }),
  ]);
  const items = rows.map((cr) => ({ ...cr, retro: retrospectiveStatus(cr, policy, now) }));
  return { items, overdue: items.filter((i) => i.retro?.overdue).length, timeZone: policy.timeZone };
}

/** What the emergency section of a CR page shows. */
export async function emergencyDetail(crId: string, now = new Date()) {
  const [{ policy }, cr] = await Promise.all([
    getActivePolicy(),
    db.changeRequest.findUniqueOrThrow({
      where: { id: crId },
      select: {
        id: true, state: true, emergency: true, retroStatus: true, createdAt: true, submittedAt: true, requesterId: true, approvalRound: true,
        incident: { select: { id: true, title: true, severity: true, resolvedAt: true } },
        approvals: { where: { kind: { in: ["VERBAL_EMERGENCY", "RETROSPECTIVE"] } }, orderBy: { createdAt: "asc" }, include: { user: { select: { name: true } } } },
      },
    }),
  ]);
  const verbal = cr.approvals.find((a) => a.kind === "VERBAL_EMERGENCY" && a.round === cr.approvalRound) ?? null;
  const retroVotes = cr.approvals.filter((a) => a.kind === "RETROSPECTIVE" && a.round === cr.approvalRound);
  return { cr, verbal, retroVotes, retro: retrospectiveStatus(cr, policy, now), timeZone: policy.timeZone };
}

/** Gate results of a CR, newest first, with who or which token reported each. */
export async function gateResultsOf(crId: string) {
  // One plain SQL read: the CR page shows this on every visit.
  const rows = await readDb.selectFrom("GateResult as g")
    .leftJoin("User as u", "u.id", "g.reportedById").leftJoin("ApiToken as t", "t.id", "g.tokenId")
    .select(["g.id", "g.gate", "g.version", "g.passed", "g.value", "g.evidenceUrl", "g.createdAt", "u.name as person", "t.name as token"])
    .where("g.crId", "=", crId).orderBy("g.createdAt", "desc").limit(100).execute();
  return rows.map(({ person, token, ...r }) => ({ ...r, label: GATE_LABELS[r.gate], by: person ?? (token ? `CI: ${token}` : "unknown") }));
}
