import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agendaItemKey, buildAgenda, buildAgendaView, type AgendaCr, type AgendaDeployment, type AgendaIncident, type AgendaInput } from "./cab-agenda";
import { DEFAULT_POLICY } from "./policy";
import { CR_STATES, RISK_LEVELS } from "./vocabulary";

// The meeting page builds only the items it shows (buildAgendaView); what it does build, and every
// section's order, keys and size, must be buildAgenda's.
const MEETING = { id: "m15", startsAt: new Date("2025-01-15T13:00:00Z"), endsAt: new Date("2025-01-15T14:00:00Z") };
const T = (ms: number) => new Date(ms);
const span = { min: Date.UTC(2024, 11, 20), max: Date.UTC(2025, 0, 15, 12) };

const crArb: fc.Arbitrary<AgendaCr> = fc.record({
  id: fc.uuid(),
  n: fc.integer({ min: 1, max: 999 }),
  risk: fc.constantFrom(...RISK_LEVELS),
  state: fc.constantFrom(...CR_STATES),
  emergency: fc.boolean(),
  retroStatus: fc.constantFrom(null, "PENDING", "APPROVED"),
  cabMeetingId: fc.constantFrom(MEETING.id, "other", null),
  at: fc.integer(span),
  voted: fc.boolean(),
}).map((r) => ({
  id: r.id, number: `CR-2025-${String(r.n).padStart(6, "0")}`, summary: "s", risk: r.risk, state: r.state, requesterId: "req", requesterName: "Rae",
  cabMeetingId: r.cabMeetingId, approvalRound: 1, emergency: r.emergency, retroStatus: r.retroStatus, suggestedRisk: null, riskJustification: null,
  createdAt: T(r.at), submittedAt: T(r.at),
  approvals: r.voted
    ? [{ userId: "u1", userName: "U1", roles: ["CAB_MEMBER"], kind: r.emergency ? "RETROSPECTIVE" : "STANDARD", decision: "APPROVE", round: 1, createdAt: T(Date.UTC(2025, 0, 15, 13, 2)), meetingId: MEETING.id, meeting: { startedAt: MEETING.startsAt, closedAt: null, endsAt: MEETING.endsAt } }]
    : [],
}));
const depArb: fc.Arbitrary<AgendaDeployment> = fc.record({ id: fc.uuid(), at: fc.integer(span) }).map((d) => ({
  id: d.id, crId: null, crNumber: null, summary: "d", risk: "LOW", kind: "DEPLOY", outcome: "SUCCEEDED", finishedAt: T(d.at),
}));
const incArb: fc.Arbitrary<AgendaIncident> = fc.record({ id: fc.uuid(), at: fc.integer(span) }).map((i) => ({ id: i.id, severity: "SEV2", title: "i", declaredAt: T(i.at), resolvedAt: null }));

describe("buildAgendaView", { timeout: 60_000 }, () => {
  it("builds the picked items as buildAgenda does, and keeps every section's keys, order and total", () => {
    fc.assert(
      fc.property(
        fc.array(crArb, { maxLength: 30 }), fc.array(depArb, { maxLength: 8 }), fc.array(incArb, { maxLength: 4 }), fc.integer({ min: 0, max: 6 }), fc.option(fc.nat(40), { nil: null }),
        (changes, deployments, incidents, preview, current) => {
          const input: AgendaInput = { meeting: MEETING, changes, deployments, incidents, policy: DEFAULT_POLICY, now: T(Date.UTC(2025, 0, 15, 13, 5)) };
          const full = buildAgenda(input);
          const keys = full.flatMap((s) => s.items.map(agendaItemKey));
          const currentKey = current === null ? null : (keys[current] ?? null);
          const show = (_s: string, i: number, key: string) => i < preview || key === currentKey;
          const view = buildAgendaView(input, show);
          expect(view.map((s) => s.id)).toEqual(full.map((s) => s.id));
          view.forEach((s, n) => {
            const all = full[n]!.items;
            expect(s.keys).toEqual(all.map(agendaItemKey));
            expect(s.total).toBe(all.length);
            expect(s.items).toEqual(all.filter((item, i) => show(s.id, i, agendaItemKey(item))));
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
