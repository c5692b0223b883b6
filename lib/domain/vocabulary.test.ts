import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeAudit, stateChange } from "./audit-phrases";
import { STRATEGY_NAMES, strategyWords } from "./strategy-names";
import { approverWords, codeWords, DEPLOYMENT_STATES, deploymentEventLabel, deploymentStateLabel, meetingStatusLabel } from "./vocabulary";

const RAW = /\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b/;

describe("plain words for codes", () => {
  it("names every deployment state and the orchestrator's event kinds in words", () => {
    for (const s of DEPLOYMENT_STATES) expect(deploymentStateLabel(s)).not.toMatch(RAW);
    expect(deploymentEventLabel("GATE_BREACHED")).toBe("Gate breached");
    expect(deploymentEventLabel("PRE_TRAFFIC_HOOK_FAILED")).toBe("Pre-traffic hook failed");
    expect(deploymentStateLabel("ROLLED_BACK")).toBe("Rolled back");
    expect(meetingStatusLabel("IN_PROGRESS")).toBe("In progress");
    expect(approverWords("AUTOMATED")).toBe("CI/CD (automated)");
    expect(approverWords("Ada Lovelace")).toBe("Ada Lovelace");
  });

  it("reads a code no map knows yet as words, never as the code", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Z]{2,8}$/), { minLength: 2, maxLength: 4 }), (parts) => {
        const code = parts.join("_");
        expect(codeWords(code)).not.toMatch(RAW);
        expect(deploymentEventLabel(code)).not.toMatch(RAW);
      }),
    );
    expect(codeWords("MANUAL_ROLLBACK")).toBe("Manual rollback");
  });

  it("gives each strategy a short name (BLUE_GREEN reads Blue-green)", () => {
    for (const s of STRATEGY_NAMES) expect(strategyWords(s)).not.toMatch(RAW);
    expect(strategyWords("BLUE_GREEN")).toBe("Blue-green");
    // Stored on deployments no CR chose (a flag's guarded rollout), and any code the table has not met.
    expect(strategyWords("FLAG_ROLLOUT")).toBe("Guarded flag rollout");
    expect(strategyWords("SOME_NEW_STRATEGY")).not.toMatch(RAW);
    expect(strategyWords("SomethingNew")).toBe("SomethingNew");
  });
});

describe("CR timeline phrases", () => {
  it("every audit action reads as words, flag and unknown ones too", () => {
    expect(describeAudit("flag.rollout_step")).toBe("— the flag rollout published its next step");
    expect(describeAudit("change.somethingNew")).toBe("something new");
    expect(describeAudit("deployment.rolled_back")).not.toMatch(/_/);
  });
  it("an entry without before/after states shows no transition (never 'undefined → undefined')", () => {
    expect(stateChange(null, null)).toBeNull();
    expect(stateChange({}, { reason: "x" })).toBeNull();
    expect(stateChange({ state: "PENDING" }, { state: "SHIFTING" })).toBeNull();
  });
});
