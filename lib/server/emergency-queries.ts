import "server-only";
import { db } from "@/lib/db";
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
  const rows = await db.gateResult.findMany({ where: { crId }, orderBy: { createdAt: "desc" }, take: 100 });
  const [people, tokens] = await Promise.all([
    db.user.findMany({ where: { id: { in: rows.map((r) => r.reportedById).filter((x): x is string => !!x) } }, select: { id: true, name: true } }),
    db.apiToken.findMany({ where: { id: { in: rows.map((r) => r.tokenId).filter((x): x is string => !!x) } }, select: { id: true, name: true } }),
  ]);
  const who = new Map([...people, ...tokens.map((t) => ({ id: t.id, name: `CI: ${t.name}` }))].map((x) => [x.id, x.name]));
  return rows.map((r) => ({
    id: r.id,
    gate: r.gate,
    label: GATE_LABELS[r.gate],
    version: r.version,
    passed: r.passed,
    value: r.value,
    evidenceUrl: r.evidenceUrl,
    createdAt: r.createdAt,
    by: who.get(r.reportedById ?? r.tokenId ?? "") ?? "unknown",
  }));
}
