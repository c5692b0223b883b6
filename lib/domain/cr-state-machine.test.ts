import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionsFrom, CR_ACTIONS, personAuthorities, TERMINAL_STATES, TRANSITION_AUTHORITIES, transition, type CrAction, type TransitionAuthority } from "./cr-state-machine";
import { CR_STATES, type CrState } from "./vocabulary";

// The expected table, written out independently of the implementation's, so a typo in either fails.
const LEGAL: [CrState, CrAction, CrState][] = [
  ["DRAFT", "submit", "SUBMITTED"],
  ["SUBMITTED", "approve", "APPROVED"],
  ["SUBMITTED", "reject", "REJECTED"],
  ["SUBMITTED", "requestChanges", "DRAFT"],
  ["REJECTED", "reopen", "DRAFT"],
  ["FAILED", "reopen", "DRAFT"],
  ["ROLLED_BACK", "reopen", "DRAFT"],
  ["SUBMITTED", "resetApprovals", "SUBMITTED"],
  ["APPROVED", "resetApprovals", "SUBMITTED"],
  ["SCHEDULED", "resetApprovals", "SUBMITTED"],
  ["APPROVED", "schedule", "SCHEDULED"],
  ["SCHEDULED", "unschedule", "APPROVED"],
  ["APPROVED", "startDeploy", "DEPLOYING"],
  ["SCHEDULED", "startDeploy", "DEPLOYING"],
  ["DEPLOYING", "deploySucceeded", "DEPLOYED"],
  ["DEPLOYING", "deployFailed", "FAILED"],
  ["DEPLOYING", "rollBack", "ROLLED_BACK"],
  ["DEPLOYED", "rollBack", "ROLLED_BACK"],
  ["DEPLOYED", "close", "CLOSED"],
  ["ROLLED_BACK", "close", "CLOSED"],
  ["FAILED", "close", "CLOSED"],
  ["REJECTED", "close", "CLOSED"],
  ["DRAFT", "cancel", "CANCELLED"],
  ["SUBMITTED", "cancel", "CANCELLED"],
  ["APPROVED", "cancel", "CANCELLED"],
  ["SCHEDULED", "cancel", "CANCELLED"],
];

describe("CR state machine", () => {
  for (const from of CR_STATES) {
    for (const action of CR_ACTIONS) {
      const expected = LEGAL.find(([f, a]) => f === from && a === action);
      it(`${from} --${action}--> ${expected ? expected[2] : "refused"}`, () => {
        const result = transition(from, action, TRANSITION_AUTHORITIES);
        if (expected) {
          expect(result).toEqual({ ok: true, to: expected[2] });
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.message).toMatch(/^Cannot .+ a change that is .+; only possible when .+\.$/);
        }
      });
    }
  }

  it("explains the refusal in words a user understands", () => {
    expect(transition("CLOSED", "submit", ["REQUESTER"])).toEqual({
      ok: false,
      message: "Cannot submit a change that is Closed; only possible when Draft.",
      refused: "state",
    });
  });

  // Who may cause each move, written out apart from the implementation's table.
  const BY: Record<CrAction, TransitionAuthority[]> = {
    submit: ["REQUESTER", "ADMIN", "APPROVAL_TALLY"],
    approve: ["APPROVAL_TALLY"],
    reject: ["APPROVAL_TALLY"],
    requestChanges: ["APPROVAL_TALLY"],
    reopen: ["REQUESTER", "ADMIN"],
    resetApprovals: ["MATERIAL_EDIT"],
    schedule: ["REQUESTER", "ADMIN"],
    unschedule: ["REQUESTER", "ADMIN"],
    startDeploy: ["PRODUCTION_GATE"],
    deploySucceeded: ["ORCHESTRATOR"],
    deployFailed: ["ORCHESTRATOR"],
    rollBack: ["ORCHESTRATOR", "PRODUCTION_GATE"],
    close: ["REQUESTER", "ADMIN"],
    cancel: ["REQUESTER", "ADMIN"],
  };
  for (const action of CR_ACTIONS) {
    for (const by of TRANSITION_AUTHORITIES) {
      const may = BY[action].includes(by);
      it(`${action} by ${by}: ${may ? "allowed" : "refused"} from a state it applies to`, () => {
        const from = LEGAL.find(([, a]) => a === action)![0];
        const r = transition(from, action, [by]);
        expect(r.ok).toBe(may);
        if (!r.ok) expect(r.refused).toBe("authority");
      });
    }
  }

  it("point 5: a requester cannot approve or deploy their own change by naming the transition", () => {
    const by = personAuthorities({ id: "req", mayAdminister: false }, { requesterId: "req" });
    expect(by).toEqual(["REQUESTER"]);
    for (const action of ["approve", "startDeploy", "deploySucceeded", "rollBack", "resetApprovals"] as const) {
      const from = LEGAL.find(([, a]) => a === action)![0];
      const r = transition(from, action, by);
      expect(r).toMatchObject({ ok: false, refused: "authority" });
      if (!r.ok) expect(r.message).not.toMatch(/^Cannot .+ a change that is/);
    }
    // …but the moves that are theirs still work.
    expect(transition("DRAFT", "submit", by)).toEqual({ ok: true, to: "SUBMITTED" });
    expect(personAuthorities({ id: "other", mayAdminister: false }, { requesterId: "req" })).toEqual([]);
  });

  it("property: a person (requester or admin) can never reach Approved, Deploying, Deployed or Rolled back", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CR_ACTIONS), { maxLength: 60 }), fc.subarray(["REQUESTER", "ADMIN"] as TransitionAuthority[]), (actions, by) => {
        let state: CrState = "DRAFT";
        for (const action of actions) {
          const r = transition(state, action, by);
          if (r.ok) state = r.to;
          expect(["APPROVED", "SCHEDULED", "DEPLOYING", "DEPLOYED", "ROLLED_BACK", "FAILED", "REJECTED"]).not.toContain(state);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("terminal states have no way out", () => {
    for (const s of TERMINAL_STATES) expect(actionsFrom(s)).toEqual([]);
  });

  it("every state is reachable from a draft", () => {
    const seen = new Set<CrState>(["DRAFT"]);
    const queue: CrState[] = ["DRAFT"];
    while (queue.length) {
      const s = queue.shift()!;
      for (const a of actionsFrom(s)) {
        const r = transition(s, a, TRANSITION_AUTHORITIES);
        if (r.ok && !seen.has(r.to)) {
          seen.add(r.to);
          queue.push(r.to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...CR_STATES].sort());
  });

  it("property: no sequence of actions reaches an undefined state, and refusals change nothing", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CR_ACTIONS), { maxLength: 60 }), (actions) => {
        let state: CrState = "DRAFT";
        for (const action of actions) {
          const r = transition(state, action, TRANSITION_AUTHORITIES);
          if (r.ok) state = r.to;
          expect(CR_STATES).toContain(state);
          if (TERMINAL_STATES.includes(state)) expect(actionsFrom(state)).toHaveLength(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
