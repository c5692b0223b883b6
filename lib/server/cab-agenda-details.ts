import "server-only";
// The details a meeting page shows inline for each change on its agenda — planned window, service,
// on-call, readiness besides approval, and for emergency changes the verbal approval, incident and
// deployment outcome — in one SQL read for all of them.
import { Prisma } from "@/generated/prisma/client";
import { readSql } from "@/lib/db";
import type { ApprovalRecord } from "@/lib/domain/approval-tally";
import { readinessBesidesApproval, type ChangeEssentials } from "@/lib/domain/cab-essentials";
import type { GateResultRecord, ReadinessCr } from "@/lib/domain/readiness";
import { APPROVALS_JSON, approvalFromJson, type ApprovalJson } from "./approvals-sql";
import { GATE_RESULTS_JSON, PINNED_POLICY_JSON } from "./change-readiness-sql";
import { activePolicyOf, type PolicyVersionRow } from "./policy-store";


type Raw = ReadinessCr & {
  serviceName: string;
  onCallName: string | null;
  incidentId: string | null;
  windowStart: Date;
  windowDurationMin: number;
  windowTimeZone: string;
  policy: Omit<PolicyVersionRow, "createdAt"> & { createdAt: string };
  approvals: ApprovalJson[];
  gateResults: (Omit<GateResultRecord, "createdAt"> & { createdAt: string })[];
  deployment: (Omit<NonNullable<ChangeEssentials["deployment"]>, "finishedAt"> & { finishedAt: string | null }) | null;
};

export async function agendaEssentials(crIds: readonly string[], now: Date): Promise<Map<string, ChangeEssentials>> {
  if (crIds.length === 0) return new Map();
  const rows = await readSql<Raw[]>`
    SELECT c.id, c.state::text AS state, c.risk::text AS risk, c."requesterId", c."approvalRound", c.emergency, c."targetVersion", c."targetCodeSha256",
      c."flagId", c."flagBaseVersion", c."onCallUserId", c."onCallConfirmedAt", c."windowStart", c."windowDurationMin", c."windowTimeZone", c."incidentId",
      s.name AS "serviceName", oc.name AS "onCallName",
      ${PINNED_POLICY_JSON} AS policy,
      ${APPROVALS_JSON} AS approvals,
      ${GATE_RESULTS_JSON} AS "gateResults",
      (SELECT json_build_object('id', d.id, 'kind', d.kind, 'state', d.state, 'outcome', d.outcome, 'rollbackKind', d."rollbackKind", 'finishedAt', d."finishedAt")
         FROM "Deployment" d WHERE d."crId" = c.id ORDER BY d."startedAt" DESC LIMIT 1) AS deployment
    FROM "ChangeRequest" c JOIN "Service" s ON s.id = c."serviceId"
      LEFT JOIN "User" oc ON oc.id = c."onCallUserId"
    WHERE c.id IN (${Prisma.join(crIds)})`;
  return new Map(
    rows.map((r) => {
      const policy = activePolicyOf({ ...r.policy, createdAt: new Date(r.policy.createdAt) }).policy;
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
