import "server-only";
// A change's votes as one JSON column, with the span of the meeting each was tagged with: the one
// SQL form of ApprovalRecord, shared by the readiness read and the CAB agenda (the change is `c`).
import { Prisma } from "@/generated/prisma/client";
import type { ApprovalRecord } from "@/lib/domain/approval-tally";

export const APPROVALS_JSON = Prisma.sql`COALESCE((SELECT json_agg(json_build_object('userId', a."userId", 'userName', u.name, 'roles', a.roles,
      'kind', a.kind, 'decision', a.decision, 'round', a.round, 'createdAt', a."createdAt", 'meetingId', a."meetingId",
      'tokenId', a."tokenId", 'comment', a.comment,
      'meeting', CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object('startedAt', m."startedAt",
        'closedAt', m."closedAt", 'endsAt', m."endsAt") END) ORDER BY a."createdAt", a.id)
     FROM "Approval" a LEFT JOIN "User" u ON u.id = a."userId" LEFT JOIN "CabMeeting" m ON m.id = a."meetingId"
    WHERE a."crId" = c.id), '[]')`;

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
