import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  approvalRuleText,
  APPROVAL_DECISIONS,
  APPROVAL_KINDS,
  canVote,
  tallyApprovals,
  voteCommentError,
  type ApprovalRecord,
  type TallyCr,
  type VotableCr,
} from "./approval-tally";
import { DEFAULT_POLICY } from "./policy";
import { ROLES, RISK_LEVELS, type Role } from "./vocabulary";

const P = DEFAULT_POLICY;
const T0 = Date.UTC(2025, 0, 15, 13, 0);
let tick = 0;
const vote = (userId: string | null, roles: Role[], over: Partial<ApprovalRecord> = {}): ApprovalRecord => ({
  userId,
  roles,
  kind: "STANDARD",
  decision: "APPROVE",
  round: 1,
  createdAt: new Date(T0 + ++tick * 1000),
  meetingId: "m1",
  // A meeting that was running when these votes were cast.
  meeting: { startedAt: new Date(T0 - 3_600_000), closedAt: null, endsAt: new Date(T0 + 86_400_000) },
  ...over,
});
const cr = (over: Partial<TallyCr> = {}): TallyCr => ({ requesterId: "req", risk: "MEDIUM", approvalRound: 1, emergency: false, ...over });
const lead = (id: string, over?: Partial<ApprovalRecord>) => vote(id, ["CAB_MEMBER"], over);
const sre = (id: string, over?: Partial<ApprovalRecord>) => vote(id, ["CAB_MEMBER", "SRE"], over);
const cto = (id: string, over?: Partial<ApprovalRecord>) => vote(id, ["CTO"], over);

describe("CAB quorum", () => {
  it("two approvals from two seats in a meeting approve a Medium change", () => {
    const t = tallyApprovals(cr(), [lead("a"), sre("b")], P);
    expect(t.cab.met).toBe(true);
    expect(t.cab.seats.sort()).toEqual(["ENG_LEAD", "SRE"]);
    expect(t.outcome).toBe("APPROVED");
    expect(t.nextState).toBe("APPROVED");
    expect(t.missing).toEqual([]);
  });

  it("one approval is one short", () => {
    const t = tallyApprovals(cr(), [lead("a")], P);
    expect(t.outcome).toBe("PENDING");
    expect(t.nextState).toBeNull();
    expect(t.missing).toEqual(["needs 1 more CAB approval (2 required, from 2 different seats)"]);
  });

  it("two approvals from the same seat are not enough", () => {
    const t = tallyApprovals(cr(), [lead("a"), lead("b")], P);
    expect(t.cab.met).toBe(false);
    expect(t.missing).toEqual([
      "needs a CAB approval from another seat (2 different seats required; so far Engineering lead only)",
    ]);
  });

  it("a person with two roles counts once", () => {
    const t = tallyApprovals(cr(), [vote("a", ["CAB_MEMBER", "SRE", "SECURITY"])], P);
    expect(t.cab.approvers).toHaveLength(1);
    expect(t.cab.seats).toEqual(["SRE"]);
    expect(t.cab.met).toBe(false);
  });

  it("out-of-meeting approvals need the policy's larger count", () => {
    const out = { meetingId: null };
    const two = tallyApprovals(cr(), [lead("a", out), sre("b", out)], P);
    expect(two.cab.met).toBe(false);
    expect(two.missing).toEqual(["needs 1 more CAB approval (3 required outside a meeting, from 2 different seats)"]);
    expect(tallyApprovals(cr(), [lead("a", out), sre("b", out), lead("c", out)], P).cab.met).toBe(true);
    const noOut = structuredClone(P);
    noOut.cab.outOfMeeting.allowed = false;
    expect(tallyApprovals(cr(), [lead("a", out), sre("b", out), lead("c", out)], noOut).cab.met).toBe(false);
  });

  it("people without CAB_MEMBER do not count for the CAB", () => {
    const t = tallyApprovals(cr(), [vote("a", ["SRE"]), vote("b", ["ENGINEER"]), lead("c")], P);
    expect(t.cab.approvers.map((v) => v.userId)).toEqual(["c"]);
    expect(t.ignored.map((i) => i.reason)).toEqual(["not a CAB member or the CTO when voting", "not a CAB member or the CTO when voting"]);
  });
});

describe("who counts", () => {
  it("the requester's own vote never counts", () => {
    const t = tallyApprovals(cr({ requesterId: "a" }), [lead("a"), sre("b")], P);
    expect(t.cab.met).toBe(false);
    expect(t.ignored).toEqual([expect.objectContaining({ reason: "nobody approves their own change" })]);
  });

  it("only the current round counts", () => {
    const t = tallyApprovals(cr({ approvalRound: 2 }), [lead("a"), sre("b", { round: 2 })], P);
    expect(t.cab.approvers.map((v) => v.userId)).toEqual(["b"]);
    expect(t.ignored[0]?.reason).toBe("cast in an earlier approval round");
  });

  it("a person's latest vote wins", () => {
    const t = tallyApprovals(cr(), [lead("a"), sre("b"), lead("a", { decision: "REQUEST_CHANGES", comment: "add rollback" })], P);
    expect(t.outcome).toBe("CHANGES_REQUESTED");
    expect(t.nextState).toBe("DRAFT");
    const back = tallyApprovals(cr(), [lead("a", { decision: "REJECT" }), sre("b"), lead("a")], P);
    expect(back.outcome).toBe("APPROVED");
  });

  it("point 8: by default one CAB rejection rejects the change, whatever the approvals", () => {
    const t = tallyApprovals(cr(), [lead("a", { decision: "REJECT", comment: "no rollback plan" }), sre("b"), lead("c")], P);
    expect(t.outcome).toBe("REJECTED");
    expect(t.nextState).toBe("REJECTED");
  });
  it("the policy says how many CAB rejections reject; fewer are outvoted by the stated rule", () => {
    const two = { ...P, cab: { ...P.cab, rejectionsToReject: 2 } };
    expect(tallyApprovals(cr(), [lead("a", { decision: "REJECT" }), sre("b"), lead("c")], two).outcome).toBe("APPROVED");
    expect(tallyApprovals(cr(), [lead("a", { decision: "REJECT" }), sre("b", { decision: "REJECT" })], two).outcome).toBe("REJECTED");
    expect(approvalRuleText(two, "MEDIUM").join(" ")).toMatch(/2 CAB rejections reject the change/);
    expect(approvalRuleText(P, "MEDIUM").join(" ")).toMatch(/One CAB rejection rejects the change until it is revised/);
  });
});

describe("High risk: CAB + CTO", () => {
  const high = cr({ risk: "HIGH" });
  it("CAB without CTO is not enough, and says so", () => {
    const t = tallyApprovals(high, [lead("a"), sre("b")], P);
    expect(t.cab.met).toBe(true);
    expect(t.cto.approved).toBe(false);
    expect(t.missing).toEqual(["needs CTO approval"]);
    expect(t.outcome).toBe("PENDING");
  });

  it("CAB and CTO approve", () => {
    const t = tallyApprovals(high, [lead("a"), sre("b"), cto("c")], P);
    expect(t.matrixMet).toBe(true);
    expect(t.outcome).toBe("APPROVED");
    expect(t.cto.by?.userId).toBe("c");
  });

  it("a CTO who is also on the CAB signs once, not as both", () => {
    const t = tallyApprovals(high, [vote("c", ["CTO", "CAB_MEMBER"]), sre("b")], P);
    expect(t.cto.approved).toBe(true);
    expect(t.cab.met).toBe(false);
    expect(t.missing).toEqual(["needs 1 more CAB approval (2 required, from 2 different seats)"]);
    // …but counts as CAB on a Medium change, where no CTO signature is needed.
    expect(tallyApprovals(cr(), [vote("c", ["CTO", "CAB_MEMBER"]), sre("b")], P).cab.met).toBe(true);
  });

  it("picks the CTO signer that leaves the CAB quorum intact", () => {
    const t = tallyApprovals(high, [vote("c1", ["CTO", "CAB_MEMBER"]), sre("b"), cto("c2")], P);
    expect(t.cto.by?.userId).toBe("c2");
    expect(t.matrixMet).toBe(true);
  });

  it("a CTO rejection blocks, whatever the CAB says", () => {
    const t = tallyApprovals(high, [lead("a"), sre("b"), lead("d"), cto("c", { decision: "REJECT", comment: "no" })], P);
    expect(t.blockingRejection?.userId).toBe("c");
    expect(t.outcome).toBe("REJECTED");
    expect(t.nextState).toBe("REJECTED");
    expect(t.missing).toContain("rejected by the CTO");
  });
});

describe("Low risk: automated", () => {
  it("approves with an automated approval and ignores nothing", () => {
    const t = tallyApprovals(cr({ risk: "LOW" }), [vote(null, [], { kind: "AUTOMATED", tokenId: "tok", meetingId: null })], P);
    expect(t.automated?.tokenId).toBe("tok");
    expect(t.outcome).toBe("APPROVED");
  });
  it("CAB votes do not replace the automated approval", () => {
    const t = tallyApprovals(cr({ risk: "LOW" }), [lead("a"), sre("b")], P);
    expect(t.missing).toEqual(["needs automated approval from CI/CD (once its gates pass)"]);
    expect(t.outcome).toBe("PENDING");
  });
});

describe("emergency changes", () => {
  const em = cr({ emergency: true, risk: "HIGH" });
  const verbal = (id: string, roles: Role[] = ["ENG_MANAGER"]) => vote(id, roles, { kind: "VERBAL_EMERGENCY", meetingId: null });
  it("an engineering manager's verbal approval approves it", () => {
    const t = tallyApprovals(em, [verbal("m")], P);
    expect(t.verbalEmergency?.userId).toBe("m");
    expect(t.outcome).toBe("APPROVED");
    expect(t.matrixMet).toBe(false);
  });
  it("not from the requester, not from someone without the role", () => {
    expect(tallyApprovals({ ...em, requesterId: "m" }, [verbal("m")], P).verbalEmergency).toBeNull();
    expect(tallyApprovals(em, [verbal("x", ["CAB_MEMBER", "CTO"])], P).verbalEmergency).toBeNull();
  });
  it("retrospective votes follow the CAB quorum", () => {
    const retro = { kind: "RETROSPECTIVE" as const };
    expect(tallyApprovals(em, [verbal("m"), lead("a", retro)], P).retrospective.outcome).toBe("PENDING");
    expect(tallyApprovals(em, [verbal("m"), lead("a", retro), sre("b", retro)], P).retrospective.outcome).toBe("APPROVED");
    expect(tallyApprovals(em, [verbal("m"), cto("c", { ...retro, decision: "REJECT" })], P).retrospective.outcome).toBe("REJECTED");
  });
  it("standard votes do not count on an emergency change", () => {
    const t = tallyApprovals(em, [lead("a"), sre("b"), cto("c")], P);
    expect(t.votes).toEqual([]);
    expect(t.outcome).toBe("PENDING");
  });
});

describe("properties", () => {
  const recordArb = fc.record({
    userId: fc.option(fc.constantFrom("req", "u1", "u2", "u3", "u4"), { nil: null }),
    roles: fc.subarray([...ROLES]),
    kind: fc.constantFrom(...APPROVAL_KINDS),
    decision: fc.constantFrom(...APPROVAL_DECISIONS),
    round: fc.integer({ min: 0, max: 2 }),
    createdAt: fc.integer({ min: 0, max: 10_000 }).map((s) => new Date(T0 + s * 1000)),
    meetingId: fc.option(fc.constant("m1"), { nil: null }),
    tokenId: fc.option(fc.constant("tok"), { nil: null }),
  });
  const crArb = fc.record({
    requesterId: fc.constant("req"),
    risk: fc.constantFrom(...RISK_LEVELS),
    approvalRound: fc.integer({ min: 0, max: 2 }),
    emergency: fc.boolean(),
  });

  it("the requester's votes never count, in any kind", () => {
    fc.assert(
      fc.property(crArb, fc.array(recordArb, { maxLength: 12 }), (c, records) => {
        const t = tallyApprovals(c, records, P);
        const counted = [...t.votes, ...t.retrospective.votes, t.automated, t.verbalEmergency, t.cto.by];
        expect(counted.some((v) => v?.userId === "req")).toBe(false);
        // Removing every record of the requester changes nothing.
        const without = tallyApprovals(c, records.filter((r) => r.userId !== "req"), P);
        expect(without.outcome).toBe(t.outcome);
      }),
    );
  });

  it("each person counts at most once toward the CAB, and the CTO signer is not among them", () => {
    fc.assert(
      fc.property(crArb, fc.array(recordArb, { maxLength: 12 }), (c, records) => {
        const t = tallyApprovals(c, records, P);
        const ids = t.cab.approvers.map((v) => v.userId);
        expect(new Set(ids).size).toBe(ids.length);
        if (c.risk === "HIGH" && t.cto.by) expect(ids).not.toContain(t.cto.by.userId);
      }),
    );
  });

  it("only votes of the current round matter", () => {
    fc.assert(
      fc.property(crArb, fc.array(recordArb, { maxLength: 12 }), (c, records) => {
        const current = records.filter((r) => r.round === c.approvalRound);
        expect(tallyApprovals(c, current, P).outcome).toBe(tallyApprovals(c, records, P).outcome);
      }),
    );
  });
});

describe("canVote", () => {
  const submitted: VotableCr = { ...cr(), state: "SUBMITTED" };
  const me = (roles: Role[], id = "v") => ({ id, roles });
  it("refuses the requester", () => {
    expect(canVote(me(["CAB_MEMBER"], "req"), submitted, "STANDARD", P)).toBe("You cannot approve your own change");
  });
  it("only CAB members vote on Medium; CTO may also vote on High", () => {
    expect(canVote(me(["ENGINEER"]), submitted, "STANDARD", P)).toBe("Only CAB members vote");
    expect(canVote(me(["CTO"]), submitted, "STANDARD", P)).toBe("Only CAB members vote");
    expect(canVote(me(["CTO"]), { ...submitted, risk: "HIGH" }, "STANDARD", P)).toBeNull();
    expect(canVote(me(["ENGINEER"]), { ...submitted, risk: "HIGH" }, "STANDARD", P)).toBe(
      "Only CAB members and the CTO vote on this change",
    );
    expect(canVote(me(["CAB_MEMBER"]), submitted, "STANDARD", P)).toBeNull();
  });
  it("refuses votes on Low, on decided changes, twice, and from people", () => {
    expect(canVote(me(["CAB_MEMBER"]), { ...submitted, risk: "LOW" }, "STANDARD", P)).toBe(
      "This change is approved automatically by CI/CD once its gates pass",
    );
    expect(canVote(me(["CAB_MEMBER"]), { ...submitted, state: "APPROVED" }, "STANDARD", P)).toBe("This change is not awaiting a decision");
    expect(canVote(me(["CAB_MEMBER"]), submitted, "STANDARD", P, [lead("v")])).toBe("You have already voted on this change in this round");
    expect(canVote(me(["CAB_MEMBER"]), submitted, "STANDARD", P, [lead("v", { round: 0 })])).toBeNull();
    expect(canVote(me(["ADMIN"]), submitted, "AUTOMATED", P)).toBe("Automated approvals come from CI/CD, not from a person");
  });
  it("verbal emergency approval: engineering managers, emergency changes, before approval", () => {
    const em: VotableCr = { ...submitted, emergency: true };
    expect(canVote(me(["ENG_MANAGER"]), em, "VERBAL_EMERGENCY", P)).toBeNull();
    expect(canVote(me(["CAB_MEMBER"]), em, "VERBAL_EMERGENCY", P)).toBe("Only an engineering manager can record the verbal approval");
    expect(canVote(me(["ENG_MANAGER"]), submitted, "VERBAL_EMERGENCY", P)).toBe("Only emergency changes take a verbal approval");
    expect(canVote(me(["ENG_MANAGER"], "req"), em, "VERBAL_EMERGENCY", P)).toBe("You cannot approve your own change");
    expect(canVote(me(["CAB_MEMBER"]), em, "STANDARD", P)).toMatch(/^Emergency changes are approved verbally/);
  });
  it("retrospective votes: CAB members, pending retrospective only", () => {
    const em: VotableCr = { ...submitted, state: "DEPLOYED", emergency: true, retroStatus: "PENDING" };
    expect(canVote(me(["CAB_MEMBER", "SECURITY"]), em, "RETROSPECTIVE", P)).toBeNull();
    expect(canVote(me(["ENG_MANAGER"]), em, "RETROSPECTIVE", P)).toBe("Only CAB members vote");
    expect(canVote(me(["CAB_MEMBER"]), { ...em, retroStatus: "APPROVED" }, "RETROSPECTIVE", P)).toBe(
      "The CAB has already decided this change retrospectively",
    );
    expect(canVote(me(["CAB_MEMBER"]), { ...em, emergency: false }, "RETROSPECTIVE", P)).toBe(
      "Only emergency changes get a retrospective approval",
    );
  });
});

it("voteCommentError", () => {
  expect(voteCommentError("APPROVE", null)).toBeNull();
  expect(voteCommentError("REJECT", " ")).toBe("Say why you reject this change");
  expect(voteCommentError("REQUEST_CHANGES", undefined)).toBe("Say which changes you need");
  expect(voteCommentError("REJECT", "rollback untested")).toBeNull();
});

describe("votes without a person", () => {
  it("count only as CI/CD's automated approval: a verbal or CAB vote with no user is ignored", () => {
    const emergency = cr({ emergency: true });
    const tokenVerbal = vote(null, ["ENG_MANAGER"], { kind: "VERBAL_EMERGENCY", tokenId: "ci" });
    const t = tallyApprovals(emergency, [tokenVerbal], P);
    expect(t.verbalEmergency).toBeNull();
    expect(t.ignored.map((x) => x.reason)).toEqual(["a vote without a person does not count"]);
    const low = tallyApprovals(cr({ risk: "LOW" }), [vote(null, [], { kind: "AUTOMATED", tokenId: "ci" })], P);
    expect(low.automated).not.toBeNull();
  });
});

describe("approvalRuleText for automated approval", () => {
  it("says CI/CD approves, without the rules about people's votes", () => {
    expect(approvalRuleText(DEFAULT_POLICY, "LOW")).toEqual(["Approved automatically by CI/CD once its gates pass."]);
  });
});
