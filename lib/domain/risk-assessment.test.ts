import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "./policy";
import {
  isBelowSuggestion,
  RISK_QUESTIONS,
  riskAnswersSchema,
  riskJustificationError,
  suggestRisk,
  type RiskAnswers,
} from "./risk-assessment";
import { RISK_LEVELS, RISK_RANK } from "./vocabulary";

const SAFEST: RiskAnswers = {
  blastRadius: "SINGLE_FUNCTION",
  reversibility: "ALIAS_SWITCH",
  customerImpact: "NONE",
  dataMigration: "NONE",
  dependencies: "NONE",
  stagingLoadTest: "LOAD_2X",
};

const answersArb: fc.Arbitrary<RiskAnswers> = fc.record(
  Object.fromEntries(RISK_QUESTIONS.map((q) => [q.id, fc.constantFrom(...q.options.map((o) => o.value))])),
) as unknown as fc.Arbitrary<RiskAnswers>;

describe("risk questionnaire", () => {
  it("has labelled options for every question", () => {
    expect(RISK_QUESTIONS.map((q) => q.id)).toEqual([
      "blastRadius",
      "reversibility",
      "customerImpact",
      "dataMigration",
      "dependencies",
      "stagingLoadTest",
    ]);
    for (const q of RISK_QUESTIONS) {
      expect(q.options.length).toBeGreaterThanOrEqual(2);
      for (const o of q.options) expect(o.label.length).toBeGreaterThan(0);
    }
  });

  it("the answer schema names the unanswered question", () => {
    const r = riskAnswersSchema.safeParse({ ...SAFEST, reversibility: "MAYBE" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["reversibility"], message: "Answer “Reversibility”" });
    expect(riskAnswersSchema.parse(SAFEST)).toEqual(SAFEST);
  });
});

describe("suggestRisk", () => {
  it("suggests Low for the safest answers, with no reasons", () => {
    expect(suggestRisk(SAFEST, DEFAULT_POLICY)).toEqual({ level: "LOW", score: 0, reasons: [] });
  });

  it("suggests Medium for a customer-facing single-service change", () => {
    const s = suggestRisk({ ...SAFEST, blastRadius: "ONE_SERVICE", customerImpact: "SOME_CUSTOMERS" }, DEFAULT_POLICY);
    expect(s).toEqual({
      level: "MEDIUM",
      score: 3,
      reasons: ["Customer-facing impact: Some customers (+2)", "Blast radius: One service (+1)"],
    });
  });

  it("suggests High for an irreversible destructive migration, heaviest reason first", () => {
    const s = suggestRisk({ ...SAFEST, reversibility: "IRREVERSIBLE", dataMigration: "DESTRUCTIVE" }, DEFAULT_POLICY);
    expect(s.level).toBe("HIGH");
    expect(s.score).toBe(11);
    expect(s.reasons[0]).toBe("Reversibility: It cannot be undone (+6)");
  });

  it("uses the policy's weights and thresholds, not the defaults", () => {
    const policy = structuredClone(DEFAULT_POLICY);
    policy.riskAssessment.weights.stagingLoadTest.NO = 50;
    expect(suggestRisk({ ...SAFEST, stagingLoadTest: "NO" }, policy).level).toBe("HIGH");
    policy.riskAssessment.mediumAt = 60;
    policy.riskAssessment.highAt = 70;
    expect(suggestRisk({ ...SAFEST, stagingLoadTest: "NO" }, policy).level).toBe("LOW");
  });

  it("property: a riskier answer never lowers the suggestion", () => {
    fc.assert(
      fc.property(answersArb, fc.integer({ min: 0, max: RISK_QUESTIONS.length - 1 }), (answers, qi) => {
        const q = RISK_QUESTIONS[qi]!;
        // Options are listed from safest to riskiest and default weights rise with them.
        const worst = q.options[q.options.length - 1]!.value;
        const before = suggestRisk(answers, DEFAULT_POLICY);
        const after = suggestRisk({ ...answers, [q.id]: worst } as RiskAnswers, DEFAULT_POLICY);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(RISK_RANK[after.level]).toBeGreaterThanOrEqual(RISK_RANK[before.level]);
      }),
    );
  });

  it("property: score is the sum of the reasons' points", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const s = suggestRisk(answers, DEFAULT_POLICY);
        const sum = s.reasons.reduce((acc, r) => acc + Number(/\(\+(\d+)\)$/.exec(r)?.[1]), 0);
        expect(sum).toBe(s.score);
      }),
    );
  });
});

describe("riskJustificationError", () => {
  it("needs no justification at or above the suggestion", () => {
    for (const chosen of RISK_LEVELS) {
      for (const suggested of RISK_LEVELS) {
        if (RISK_RANK[chosen] >= RISK_RANK[suggested]) {
          expect(riskJustificationError({ chosen, suggested, justification: "" })).toBeNull();
        }
      }
    }
    expect(riskJustificationError({ chosen: "LOW", suggested: null, justification: null })).toBeNull();
  });

  it("asks for a justification below the suggestion", () => {
    expect(riskJustificationError({ chosen: "LOW", suggested: "HIGH", justification: "  " })).toBe(
      "Risk is set to Low but the questionnaire suggests High: explain why it is lower",
    );
    expect(riskJustificationError({ chosen: "MEDIUM", suggested: "HIGH", justification: "trust me" })).toBe(
      "Risk is set to Medium but the questionnaire suggests High: the justification needs at least 20 characters",
    );
    expect(
      riskJustificationError({
        chosen: "MEDIUM",
        suggested: "HIGH",
        justification: "Migration is behind a flag that stays off until next week.",
      }),
    ).toBeNull();
  });

  it("isBelowSuggestion", () => {
    expect(isBelowSuggestion("LOW", "MEDIUM")).toBe(true);
    expect(isBelowSuggestion("HIGH", "MEDIUM")).toBe(false);
    expect(isBelowSuggestion("LOW", undefined)).toBe(false);
  });
});
