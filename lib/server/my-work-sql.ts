import "server-only";
// The changes that may need something from one person, and their unread inbox count, in ONE SQL
// statement: the navigation asks on every page. The SQL only narrows the candidates (by relation,
// state and the permissions the person holds); the domain's own rules (canVote, tallyApprovals,
// onCallItems) decide which of them really await the person, in my-work.ts.
import { Prisma } from "@/generated/prisma/client";
import { can, type Actor } from "@/lib/auth/permissions";
import { readRows } from "@/lib/db";
import type { CrState, RiskLevel } from "@/lib/domain/vocabulary";
import { APPROVALS_JSON, approvalFromJson, type ApprovalJson } from "./approvals-sql";
import { visibleChangesSql } from "./change-visibility";
import type { Policy } from "@/lib/domain/policy";
import { parsedPoliciesById } from "./policy-store";

/** A rejected change stays on its requester's list this long (then it is history, not work). */
export const REJECTED_SHOWN_DAYS = 14;

/** At most this many candidates (the oldest first). */
const LIMIT = 300;

interface RawCandidate {
  unread: number;
  id: string | null;
  number: string;
  summary: string;
  state: CrState;
  risk: RiskLevel;
  requesterId: string;
  approvalRound: number;
  emergency: boolean;
  retroStatus: string | null;
  onCallUserId: string | null;
  onCallConfirmedAt: Date | null;
  createdAt: Date;
  submittedAt: Date | null;
  meeting: { id: string; startsAt: string; status: string } | null;
  policyId: string | null;
  approvals: ApprovalJson[];
}

export type WorkCandidate = Omit<RawCandidate, "unread" | "id" | "meeting" | "policyId" | "approvals"> & {
  id: string;
  meeting: { id: string; startsAt: Date; status: string } | null;
  /** null only before any policy version exists (a fresh database). */
  policy: Policy | null;
  approvals: ReturnType<typeof approvalFromJson>[];
};

export async function loadWorkCandidates(actor: Actor, now: Date): Promise<{ unread: number; candidates: WorkCandidate[] }> {
  const me = actor.id;
  const clauses: Prisma.Sql[] = [
    Prisma.sql`c."onCallUserId" = ${me} AND c.state IN ('SUBMITTED', 'APPROVED', 'SCHEDULED')`,
    Prisma.sql`c."requesterId" = ${me} AND (c.state IN ('APPROVED', 'SCHEDULED') OR (c.state = 'DRAFT' AND c."submittedAt" IS NOT NULL)
      OR (c.state = 'REJECTED' AND c."updatedAt" > ${new Date(now.getTime() - REJECTED_SHOWN_DAYS * 86_400_000)}))`,
  ];
  if (can(actor, "change:vote")) clauses.push(Prisma.sql`c.state = 'SUBMITTED' AND NOT c.emergency AND c."requesterId" <> ${me}`);
  if (can(actor, "change:verbal-approve")) clauses.push(Prisma.sql`c.emergency AND c.state IN ('DRAFT', 'SUBMITTED') AND c."requesterId" <> ${me}`);
  if (can(actor, "change:retro-vote")) clauses.push(Prisma.sql`c.emergency AND c."retroStatus" = 'PENDING' AND c."requesterId" <> ${me}`);
  // Each reason's first LIMIT rows through its own index (a UNION, not one OR: the OR read every
  // submitted change, ~200 ms of database time per page at 100,000 CRs), then the first LIMIT of
  // those; the votes and meeting are built for the kept rows only.
  const firstOf = (clause: Prisma.Sql) => Prisma.sql`(SELECT c.id FROM "ChangeRequest" c WHERE ${clause} AND ${visibleChangesSql(actor)}
      ORDER BY c."submittedAt" ASC NULLS LAST, c."createdAt" ASC LIMIT ${LIMIT})`;
  const rows = await readRows<RawCandidate[]>(Prisma.sql`
    SELECT n.unread, w.* FROM (SELECT count(*)::int AS unread FROM "Notification" WHERE "userId" = ${me} AND "readAt" IS NULL) n
    LEFT JOIN LATERAL (
      SELECT c.id, c.number, c.summary, c.state::text AS state, c.risk::text AS risk, c."requesterId", c."approvalRound", c.emergency,
        c."retroStatus", c."onCallUserId", c."onCallConfirmedAt", c."createdAt", c."submittedAt",
        CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object('id', m.id, 'startsAt', m."startsAt", 'status', m.status) END AS meeting,
        -- The version pinned at submission, else the one in force (as the readiness read picks it);
        -- its body comes from the parsed policies kept by id, not once per row.
        COALESCE(c."policyVersionId", (SELECT pv.id FROM "PolicyVersion" pv ORDER BY pv.version DESC LIMIT 1)) AS "policyId",
        ${APPROVALS_JSON} AS approvals
      FROM (${Prisma.join(clauses.map(firstOf), " UNION ")}) k JOIN "ChangeRequest" c ON c.id = k.id
        LEFT JOIN "CabMeeting" m ON m.id = c."cabMeetingId"
      ORDER BY c."submittedAt" ASC NULLS LAST, c."createdAt" ASC
      LIMIT ${LIMIT}
    ) w ON TRUE`);
  const unread = rows[0]?.unread ?? 0;
  const policies = await parsedPoliciesById(rows.flatMap((r) => (r.policyId ? [r.policyId] : [])));
  const candidates = rows.flatMap(({ unread: _u, id, meeting, policyId, approvals, ...r }) =>
    id === null
      ? []
      : [{
          ...r,
          id,
          meeting: meeting && { ...meeting, startsAt: new Date(meeting.startsAt) },
          policy: (policyId && policies.get(policyId)) || null,
          approvals: approvals.map(approvalFromJson),
        }],
  );
  return { unread, candidates };
}
