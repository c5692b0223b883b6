import "server-only";
// A change's votes as one JSON column, with the span of the meeting each was tagged with: the one
// SQL form of ApprovalRecord, shared by the readiness read, my work and the CAB agenda (the change is `c`).
import { expressionBuilder, sql } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import type { DB } from "@/generated/kysely/types";
import type { ApprovalRecord } from "@/lib/domain/approval-tally";

/** A change's votes (ApprovalRecord as JSON), for a query over the change request aliased `c`. Built once: it takes no values. */
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
/** One vote as approvalsJson reads it (timestamps as JSON strings). */
export type ApprovalJson = NonNullable<(typeof approvalsJson)["expressionType"]>[number];

const stamp = (s: Stamp) => (s === null ? null : new Date(s));

export function approvalFromJson(a: ApprovalJson): ApprovalRecord {
  return {
    ...a,
    createdAt: new Date(a.createdAt),
    meeting: a.meeting && { startedAt: stamp(a.meeting.startedAt), closedAt: stamp(a.meeting.closedAt), endsAt: new Date(a.meeting.endsAt) },
  };
}
