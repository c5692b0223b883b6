import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ApprovalRecord } from "./approval-tally";
import {
  AGENDA_SECTIONS,
  buildAgenda,
  overdueRetrospectives,
  retrospectiveStatus,
  type AgendaCr,
  type AgendaDeployment,
  type AgendaInput,
  type AgendaItem,
  type ChangeItem,
} from "./cab-agenda";
import { DEFAULT_POLICY } from "./policy";
import { CR_STATES, RISK_LEVELS, type Role } from "./vocabulary";

const P = DEFAULT_POLICY;
const MEETING = { id: "m15", startsAt: new Date("2025-01-15T13:00:00Z"), endsAt: new Date("2025-01-15T14:00:00Z") };
const DURING = new Date("2025-01-15T13:05:00Z");
const d = (s: string) => new Date(s);

const vote = (userId: string, roles: Role[], over: Partial<ApprovalRecord> = {}): ApprovalRecord => ({
  userId,
  userName: userId.toUpperCase(),
  roles,
  kind: "STANDARD",
  decision: "APPROVE",
  round: 1,
  createdAt: d("2025-01-15T13:02:00Z"),
  meetingId: MEETING.id,
  meeting: { startedAt: MEETING.startsAt, closedAt: null, endsAt: MEETING.endsAt },
  ...over,
});
const cr = (id: string, over: Partial<AgendaCr> = {}): AgendaCr => ({
  id,
  number: `CR-2025-${id}`,
  summary: `Change ${id}`,
  risk: "MEDIUM",
  state: "SUBMITTED",
  requesterId: "req",
  requesterName: "Rae",
  cabMeetingId: MEETING.id,
  approvalRound: 1,
  emergency: false,
  retroStatus: null,
  suggestedRisk: null,
  riskJustification: null,
  createdAt: d("2025-01-10T09:00:00Z"),
  submittedAt: d("2025-01-10T09:00:00Z"),
  approvals: [],
  ...over,
});
const dep = (id: string, finishedAt: string | null, over: Partial<AgendaDeployment> = {}): AgendaDeployment => ({
  id,
  crId: `cr-${id}`,
  crNumber: `CR-${id}`,
  summary: `Deploy ${id}`,
  risk: "LOW",
  kind: "DEPLOY",
  outcome: finishedAt ? "SUCCEEDED" : null,
  finishedAt: finishedAt ? d(finishedAt) : null,
  ...over,
});
const input = (over: Partial<AgendaInput> = {}): AgendaInput => ({
  meeting: MEETING,
  changes: [],
  deployments: [],
  incidents: [],
  policy: P,
  now: DURING,
  ...over,
});
const ids = (items: AgendaItem[]) =>
  items.map((i) => (i.type === "change" ? i.crId : i.type === "deployment" ? i.deploymentId : i.incidentId));

describe("buildAgenda", () => {
  it("has the seed's four sections and time boxes, even when empty", () => {
    expect(buildAgenda(input()).map((s) => [s.title, s.minutes, s.items.length])).toEqual([
      ["Review upcoming changes", 15, 0],
      ["Discuss high-risk changes", 20, 0],
      ["Review previous week's changes", 15, 0],
      ["Incident retrospective", 10, 0],
    ]);
  });

  it("puts this meeting's changes awaiting a decision in sections 1 and 2 by risk", () => {
    const changes = [
      cr("b", { submittedAt: d("2025-01-11T09:00:00Z") }),
      cr("a", { risk: "LOW" }),
      cr("h", { risk: "HIGH" }),
      cr("other", { cabMeetingId: "m22" }),
      cr("draft", { state: "DRAFT" }),
      cr("cancelled", { state: "CANCELLED", approvals: [vote("u1", ["CAB_MEMBER"])] }),
      cr("outOfMeeting", { state: "APPROVED", approvals: [vote("u1", ["CAB_MEMBER"], { meetingId: null })] }),
    ];
    const [upcoming, high] = buildAgenda(input({ changes }));
    expect(ids(upcoming!.items)).toEqual(["a", "b"]);
    expect(ids(high!.items)).toEqual(["h"]);
  });

  it("keeps a change decided in this meeting on the agenda, with its status and votes", () => {
    const approvals = [vote("lead", ["CAB_MEMBER"]), vote("sre", ["CAB_MEMBER", "SRE"], { createdAt: d("2025-01-15T13:03:00Z") })];
    const [upcoming] = buildAgenda(input({ changes: [cr("m", { state: "APPROVED", approvals })] }));
    const item = upcoming!.items[0] as ChangeItem;
    expect(item.status).toBe("APPROVED");
    expect(item.votes).toEqual([
      { userId: "lead", name: "LEAD", seat: "ENG_LEAD", kind: "STANDARD", decision: "APPROVE", comment: null, at: d("2025-01-15T13:02:00Z") },
      { userId: "sre", name: "SRE", seat: "SRE", kind: "STANDARD", decision: "APPROVE", comment: null, at: d("2025-01-15T13:03:00Z") },
    ]);
  });

  it("carries what the page needs: requester, justification for a lowered risk, votes so far", () => {
    const c = cr("m", {
      suggestedRisk: "HIGH",
      riskJustification: "Behind a flag, off until QA signs off",
      approvals: [vote("lead", ["CAB_MEMBER"], { decision: "REQUEST_CHANGES", comment: "add a rollback test" }), vote("req", ["CAB_MEMBER"])],
    });
    const item = buildAgenda(input({ changes: [c] }))[0]!.items[0] as ChangeItem;
    expect(item).toMatchObject({
      crId: "m",
      number: "CR-2025-m",
      summary: "Change m",
      risk: "MEDIUM",
      requester: { id: "req", name: "Rae" },
      status: "CHANGES_REQUESTED",
      riskBelowSuggestion: { suggested: "HIGH", justification: "Behind a flag, off until QA signs off" },
      emergency: false,
      retrospective: null,
    });
    // The requester's own vote is not shown as a vote.
    expect(item.votes.map((v) => [v.userId, v.decision, v.comment])).toEqual([["lead", "REQUEST_CHANGES", "add a rollback test"]]);
    expect((buildAgenda(input({ changes: [cr("x", { suggestedRisk: "LOW" })] }))[0]!.items[0] as ChangeItem).riskBelowSuggestion).toBeNull();
  });

  it("section 3: deployments finished in the 7 days before the meeting, with outcomes", () => {
    const deployments = [
      dep("early", "2025-01-08T12:59:00Z"),
      dep("edge", "2025-01-08T13:00:00Z"),
      dep("mid", "2025-01-12T10:00:00Z", { outcome: "ROLLED_BACK", risk: "HIGH" }),
      dep("rb", "2025-01-14T10:00:00Z", { kind: "ROLLBACK", outcome: "SUCCEEDED" }),
      dep("during", "2025-01-15T13:01:00Z"),
      dep("running", null),
    ];
    const section = buildAgenda(input({ deployments }))[2]!;
    expect(ids(section.items)).toEqual(["edge", "mid", "rb"]);
    expect(section.items[1]).toMatchObject({ type: "deployment", outcome: "ROLLED_BACK", risk: "HIGH", number: "CR-mid" });
  });

  it("section 3 measures the week in local time across the March change", () => {
    const meeting = { id: "m", startsAt: d("2025-04-02T12:00:00Z"), endsAt: d("2025-04-02T13:00:00Z") };
    const deployments = [dep("before", "2025-03-26T12:30:00Z"), dep("after", "2025-03-26T13:00:00Z")];
    expect(ids(buildAgenda(input({ meeting, deployments, now: meeting.startsAt }))[2]!.items)).toEqual(["after"]);
  });

  it("section 4: pending emergency retrospectives due by this meeting, and incidents since the last one", () => {
    const em = (id: string, at: string, retroStatus: string | null = "PENDING", over: Partial<AgendaCr> = {}) =>
      cr(id, { emergency: true, risk: "HIGH", state: "DEPLOYED", retroStatus, cabMeetingId: null, createdAt: d(at), submittedAt: d(at), ...over });
    const changes = [
      em("due", "2025-01-10T22:00:00Z"),
      em("overdue", "2025-01-03T22:00:00Z"),
      em("nextWeek", "2025-01-15T13:30:00Z"),
      em("decidedBefore", "2025-01-03T22:00:00Z", "APPROVED"),
      em("decidedHere", "2025-01-10T22:00:00Z", "APPROVED", {
        approvals: [vote("lead", ["CAB_MEMBER"], { kind: "RETROSPECTIVE" }), vote("sre", ["CAB_MEMBER", "SRE"], { kind: "RETROSPECTIVE" })],
      }),
    ];
    const incidents = [
      { id: "i-old", severity: "SEV2", title: "Old", declaredAt: d("2025-01-08T12:00:00Z"), resolvedAt: d("2025-01-08T13:00:00Z") },
      { id: "i-new", severity: "SEV1", title: "Checkout down", declaredAt: d("2025-01-10T21:00:00Z"), resolvedAt: null },
      { id: "i-during", severity: "SEV1", title: "Later", declaredAt: d("2025-01-15T13:10:00Z"), resolvedAt: null },
    ];
    const [upcoming, high, , retro] = buildAgenda(input({ changes, incidents }));
    expect(upcoming!.items).toEqual([]);
    expect(high!.items).toEqual([]);
    expect(ids(retro!.items)).toEqual(["overdue", "decidedHere", "due", "i-new"]);
    const byId = Object.fromEntries(retro!.items.filter((i): i is ChangeItem => i.type === "change").map((i) => [i.crId, i]));
    expect(byId.overdue!.retrospective).toEqual({ dueAt: d("2025-01-08T13:00:00Z"), overdue: true });
    expect(byId.due!.retrospective).toEqual({ dueAt: MEETING.startsAt, overdue: false });
    expect(byId.decidedHere!.status).toBe("APPROVED");
    expect(byId.decidedHere!.votes.map((v) => v.kind)).toEqual(["RETROSPECTIVE", "RETROSPECTIVE"]);
  });
});

describe("retrospective status", () => {
  const em = { emergency: true, retroStatus: "PENDING", createdAt: d("2025-01-10T22:00:00Z"), submittedAt: null };
  it("is due at the next meeting and overdue once it ended undecided", () => {
    expect(retrospectiveStatus(em, P, d("2025-01-15T13:59:59Z"))).toEqual({ dueAt: MEETING.startsAt, overdue: false });
    expect(retrospectiveStatus(em, P, d("2025-01-15T14:00:00Z"))?.overdue).toBe(true);
    expect(retrospectiveStatus({ ...em, retroStatus: "APPROVED" }, P, d("2025-02-01T00:00:00Z"))).toBeNull();
    expect(retrospectiveStatus({ ...em, emergency: false }, P, d("2025-02-01T00:00:00Z"))).toBeNull();
  });
  it("overdueRetrospectives counts them for the dashboard", () => {
    const list = [em, { ...em, createdAt: d("2025-01-15T15:00:00Z") }, { ...em, retroStatus: "REJECTED" }];
    expect(overdueRetrospectives(list, P, d("2025-01-16T00:00:00Z"))).toEqual([em]);
  });
});

describe("properties", { timeout: 60_000 }, () => {
  const crArb = fc.record({
    id: fc.uuid(),
    risk: fc.constantFrom(...RISK_LEVELS),
    state: fc.constantFrom(...CR_STATES),
    emergency: fc.boolean(),
    retroStatus: fc.constantFrom(null, "PENDING", "APPROVED"),
    cabMeetingId: fc.constantFrom(MEETING.id, "other", null),
    at: fc.integer({ min: Date.UTC(2024, 11, 1), max: Date.UTC(2025, 0, 20) }),
    voted: fc.boolean(),
  });
  it("a change appears at most once, High only in section 2, never a cancelled one", () => {
    fc.assert(
      fc.property(fc.array(crArb, { maxLength: 25 }), (raw) => {
        const changes = raw.map((r) =>
          cr(r.id, {
            ...r,
            createdAt: new Date(r.at),
            submittedAt: new Date(r.at),
            approvals: r.voted ? [vote("u1", ["CAB_MEMBER"], { kind: r.emergency ? "RETROSPECTIVE" : "STANDARD" })] : [],
          }),
        );
        const sections = buildAgenda(input({ changes }));
        const all = sections.flatMap((s) => s.items).filter((i): i is ChangeItem => i.type === "change");
        expect(new Set(all.map((i) => i.crId)).size).toBe(all.length);
        expect(sections[0]!.items.every((i) => i.type === "change" && i.risk !== "HIGH" && !i.emergency)).toBe(true);
        expect(sections[1]!.items.every((i) => i.type === "change" && i.risk === "HIGH" && !i.emergency)).toBe(true);
        const cancelled = new Set(changes.filter((c) => c.state === "CANCELLED").map((c) => c.id));
        expect(all.some((i) => cancelled.has(i.crId))).toBe(false);
        expect(sections.reduce((m, s) => m + s.minutes, 0)).toBe(60);
      }),
    );
  });
  it("AGENDA_SECTIONS is the seed's order", () => {
    expect(AGENDA_SECTIONS.map((s) => s.id)).toEqual(["UPCOMING", "HIGH_RISK", "PREVIOUS_WEEK", "INCIDENT_RETRO"]);
  });
});
