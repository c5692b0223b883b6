import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionsFrom, CR_ACTIONS, TERMINAL_STATES, transition, type CrAction } from "./cr-state-machine";
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
        const result = transition(from, action);
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
    expect(transition("CLOSED", "submit")).toEqual({
      ok: false,
      message: "Cannot submit a change that is Closed; only possible when Draft.",
    });
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
        const r = transition(s, a);
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
          const r = transition(state, action);
          if (r.ok) state = r.to;
          expect(CR_STATES).toContain(state);
          if (TERMINAL_STATES.includes(state)) expect(actionsFrom(state)).toHaveLength(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
