import "server-only";
// The details a meeting page shows inline for each change on its agenda — planned window, service,
// on-call, readiness besides approval, and for emergency changes the verbal approval, incident and
// deployment outcome — in one SQL read for all of them.
import { jsonBuildObject } from "kysely/helpers/postgres";
import { readDb } from "@/lib/db";
import type { ApprovalRecord } from "@/lib/domain/approval-tally";
import { readinessBesidesApproval, type ChangeEssentials } from "@/lib/domain/cab-essentials";
import { approvalFromJson, approvalsJson } from "./approvals-sql";
import { gateResultsJson, pinnedPolicyJson } from "./change-readiness-sql";
import { activePolicyOf, getActivePolicy } from "./policy-store";

export async function agendaEssentials(crIds: readonly string[], now: Date): Promise<Map<string, ChangeEssentials>> {
  if (crIds.length === 0) return new Map();
  const rows = await readDb
    .selectFrom("ChangeRequest as c")
    .innerJoin("Service as s", "s.id", "c.serviceId")
    .leftJoin("User as oc", "oc.id", "c.onCallUserId")
    .select(["c.id", "c.state", "c.risk", "c.requesterId", "c.approvalRound", "c.emergency", "c.targetVersion", "c.targetCodeSha256",
      "c.flagId", "c.flagBaseVersion", "c.onCallUserId", "c.onCallConfirmedAt", "c.windowStart", "c.windowDurationMin", "c.windowTimeZone", "c.incidentId",
      "s.name as serviceName", "oc.name as onCallName"])
    .select((eb) => [
      pinnedPolicyJson.as("policy"),
      approvalsJson.as("approvals"),
      gateResultsJson.as("gateResults"),
      eb.selectFrom("Deployment as d")
        .select((d) => jsonBuildObject({ id: d.ref("d.id"), kind: d.ref("d.kind"), state: d.ref("d.state"), outcome: d.ref("d.outcome"), rollbackKind: d.ref("d.rollbackKind"), finishedAt: d.ref("d.finishedAt") }).as("deployment"))
        .whereRef("d.crId", "=", "c.id")
        .orderBy("d.startedAt", "desc")
        .limit(eb.lit(1))
        .$asScalar()
        .as("deployment"),
    ])
    .where("c.id", "in", crIds)
    .execute();
  // Every submitted change has its pinned version; only a database with no version at all has none.
  const fallback = rows.some((r) => !r.policy) ? (await getActivePolicy()).policy : null;
  return new Map(
    rows.map((r) => {
      const policy = r.policy ? activePolicyOf({ ...r.policy, createdAt: new Date(r.policy.createdAt) }).policy : fallback!;
      const approvals: ApprovalRecord[] = r.approvals.map(approvalFromJson);
      const verbal = approvals.find((a) => a.kind === "VERBAL_EMERGENCY" && a.decision === "APPROVE");
      const gateResults = r.gateResults.map((g) => ({ ...g, createdAt: new Date(g.createdAt) }));
      const readiness = r.emergency ? null : readinessBesidesApproval({ cr: r, approvals, gateResults, policy, incident: null, now });
      return [
        r.id,
        {
          serviceName: r.serviceName,
          window: { start: r.windowStart, minutes: r.windowDurationMin, zone: r.windowTimeZone },
          onCallName: r.onCallName,
          policy,
          readiness,
          incidentId: r.incidentId,
          verbal: verbal ? { by: verbal.userName ?? "an engineering manager", at: verbal.createdAt, said: verbal.comment ?? null } : null,
          deployment: r.deployment && { ...r.deployment, finishedAt: r.deployment.finishedAt ? new Date(r.deployment.finishedAt) : null },
        },
      ];
    }),
  );
}
