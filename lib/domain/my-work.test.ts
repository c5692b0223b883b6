import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { APPROVAL_DECISIONS, APPROVAL_KINDS, type ApprovalRecord } from "./approval-tally";
import { workCount, workItems, type WorkCr } from "./my-work";
import { DEFAULT_POLICY } from "./policy";
import { CR_STATES, RISK_LEVELS, ROLES } from "./vocabulary";

const T0 = Date.UTC(2025, 0, 15, 13, 0);
const people = ["me", "u1", "u2", "u3"] as const;
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const recordArb: fc.Arbitrary<ApprovalRecord> = fc.record({
  userId: fc.option(fc.constantFrom(...people), { nil: null }),
  userName: fc.option(fc.constantFrom("Ann", "Bo"), { nil: null }),
  roles: fc.subarray([...ROLES]),
  kind: fc.constantFrom(...APPROVAL_KINDS),
  decision: fc.constantFrom(...APPROVAL_DECISIONS),
  round: fc.integer({ min: 0, max: 2 }),
  createdAt: fc.integer({ min: -600, max: 600 }).map(at),
  meetingId: fc.option(fc.constant("m1"), { nil: null }),
  meeting: fc.option(fc.constant({ startedAt: at(-60), closedAt: null, endsAt: at(60) }), { nil: null }),
  tokenId: fc.option(fc.constant("t1"), { nil: null }),
  comment: fc.option(fc.constant("why"), { nil: null }),
});

const crArb: fc.Arbitrary<WorkCr> = fc.record({
  id: fc.uuid(),
  number: fc.constant("CR-2025-000001"),
  summary: fc.constant("a change"),
  state: fc.constantFrom(...CR_STATES),
  risk: fc.constantFrom(...RISK_LEVELS),
  requesterId: fc.constantFrom(...people),
  approvalRound: fc.integer({ min: 0, max: 2 }),
  emergency: fc.boolean(),
  retroStatus: fc.constantFrom(null, "PENDING", "APPROVED", "REJECTED"),
  onCallUserId: fc.option(fc.constantFrom(...people), { nil: null }),
  onCallConfirmedAt: fc.option(fc.integer({ min: -6000, max: 600 }).map(at), { nil: null }),
  createdAt: fc.integer({ min: -60_000, max: 0 }).map(at),
  submittedAt: fc.option(fc.integer({ min: -60_000, max: 0 }).map(at), { nil: null }),
  meeting: fc.constant(null),
  approvals: fc.array(recordArb, { maxLength: 6 }),
  policy: fc.constant(DEFAULT_POLICY),
});

describe("the navigation's count of work", () => {
  it("is the number of items My work lists, for any person and candidates", () => {
    fc.assert(
      fc.property(fc.subarray([...ROLES]), fc.array(crArb, { maxLength: 12 }), (roles, crs) => {
        const me = { id: "me", roles };
        expect(workCount(me, crs, at(0))).toBe(workItems(me, crs, at(0)).length);
      }),
      { numRuns: 500 },
    );
  });
});
