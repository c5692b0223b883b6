import "server-only";
// A change's votes as one JSON column, with the span of the meeting each was tagged with: the one
// SQL form of ApprovalRecord, shared by the readiness read, my work and the CAB agenda (the change is `c`).
import { expressionBuilder, sql } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import { Prisma } from "@/generated/prisma/client";
import type { DB } from "@/generated/kysely/types";
import type { ApprovalRecord } from "@/lib/domain/approval-tally";

export const APPROVALS_JSON = Prisma.sql`COALESCE((SELECT json_agg(json_build_object('userId', a."userId", 'userName', u.name, 'roles', a.roles,
      'kind', a.kind, 'decision', a.decision, 'round', a.round, 'createdAt', a."createdAt", 'meetingId', a."meetingId",
      'tokenId', a."tokenId", 'comment', a.comment,
      'meeting', CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object('startedAt', m."startedAt",
        'closedAt', m."closedAt", 'endsAt', m."endsAt") END) ORDER BY a."createdAt", a.id)
     FROM "Approval" a LEFT JOIN "User" u ON u.id = a."userId" LEFT JOIN "CabMeeting" m ON m.id = a."meetingId"
    WHERE a."crId" = c.id), '[]')`;

/** APPROVALS_JSON in Kysely, for a query over the change request aliased `c`. Built once: it takes no values. */
export const approvalsJson = (() => {
  const eb = expressionBuilder<DB & { c: DB["ChangeRequest"] }, "c">();
  const list = eb.selectFrom("Approval as a").leftJoin("User as u", "u.id", "a.userId").leftJoin("CabMeeting as m", "m.id", "a.meetingId")
    .select((e) => e.fn.jsonAgg(jsonBuildObject({
      userId: e.ref("a.userId"), userName: e.ref("u.name"), roles: e.ref("a.roles"), kind: e.ref("a.kind"), decision: e.ref("a.decision"),
      round: e.ref("a.round"), createdAt: e.ref("a.createdAt"), meetingId: e.ref("a.meetingId"), tokenId: e.ref("a.tokenId"), comment: e.ref("a.comment"),
      meeting: e.case().when("m.id", "is", null).then(null)
        .else(jsonBuildObject({ startedAt: e.ref("m.startedAt"), closedAt: e.ref("m.closedAt"), endsAt: e.ref("m.endsAt").$notNull() })).end(),
    })).orderBy("a.createdAt").orderBy("a.id").as("list"))
    .whereRef("a.crId", "=", "c.id")
    .$asScalar();
  return eb.fn.coalesce(list, sql<[]>`'[]'`);
})();

type Stamp = string | null;
export type ApprovalJson = Omit<ApprovalRecord, "createdAt" | "meeting"> & { createdAt: string; meeting: { startedAt: Stamp; closedAt: Stamp; endsAt: string } | null };

const stamp = (s: Stamp) => (s === null ? null : new Date(s));

export function approvalFromJson(a: ApprovalJson): ApprovalRecord {
  return {
    ...a,
    createdAt: new Date(a.createdAt),
    meeting: a.meeting && { startedAt: stamp(a.meeting.startedAt), closedAt: stamp(a.meeting.closedAt), endsAt: new Date(a.meeting.endsAt) },
  };
}
