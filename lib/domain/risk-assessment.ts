// The risk questionnaire on the CR form. The questions and their options live here; how much each
// answer weighs lives in the policy, so an admin can retune the suggestion without a code change.
import { z } from "zod";
import type { Policy } from "./policy";
import { RISK_LABELS, RISK_RANK, type RiskLevel } from "./vocabulary";

export interface RiskOption {
  value: string;
  label: string;
  /** Points in DEFAULT_POLICY; the policy in force decides the real weight. */
  defaultWeight: number;
}
export interface RiskQuestion {
  id: string;
  label: string;
  help: string;
  options: readonly RiskOption[];
}

export const RISK_QUESTIONS = [
  {
    id: "blastRadius",
    label: "Blast radius",
    help: "What breaks if this change goes wrong?",
    options: [
      { value: "SINGLE_FUNCTION", label: "One function, nothing depends on it", defaultWeight: 0 },
      { value: "ONE_SERVICE", label: "One service", defaultWeight: 1 },
      { value: "SEVERAL_SERVICES", label: "Several services", defaultWeight: 3 },
      { value: "PLATFORM", label: "The whole platform", defaultWeight: 5 },
    ],
  },
  {
    id: "reversibility",
    label: "Reversibility",
    help: "How do we undo it?",
    options: [
      { value: "ALIAS_SWITCH", label: "Instantly, by switching the alias back", defaultWeight: 0 },
      { value: "REDEPLOY", label: "By redeploying the previous version", defaultWeight: 1 },
      { value: "MANUAL", label: "Manual steps are needed", defaultWeight: 3 },
      { value: "IRREVERSIBLE", label: "It cannot be undone", defaultWeight: 6 },
    ],
  },
  {
    id: "customerImpact",
    label: "Customer-facing impact",
    help: "Who notices if it misbehaves?",
    options: [
      { value: "NONE", label: "Nobody (transparent change)", defaultWeight: 0 },
      { value: "INTERNAL", label: "Internal users only", defaultWeight: 1 },
      { value: "SOME_CUSTOMERS", label: "Some customers", defaultWeight: 2 },
      { value: "ALL_CUSTOMERS", label: "All customers", defaultWeight: 4 },
    ],
  },
  {
    id: "dataMigration",
    label: "Data or schema migration",
    help: "Does it change stored data or its shape?",
    options: [
      { value: "NONE", label: "No", defaultWeight: 0 },
      { value: "ADDITIVE", label: "Yes, backward-compatible (additive)", defaultWeight: 2 },
      { value: "DESTRUCTIVE", label: "Yes, destructive or not backward-compatible", defaultWeight: 5 },
    ],
  },
  {
    id: "dependencies",
    label: "Dependency on other changes",
    help: "Must other changes ship before or with it?",
    options: [
      { value: "NONE", label: "No", defaultWeight: 0 },
      { value: "ALREADY_DEPLOYED", label: "Yes, and they are already deployed", defaultWeight: 1 },
      { value: "COORDINATED", label: "Yes, they must ship together", defaultWeight: 3 },
    ],
  },
  {
    id: "stagingLoadTest",
    label: "Tested in staging under load",
    help: "Has it run in staging under production-like traffic?",
    options: [
      { value: "LOAD_2X", label: "Yes, with 2x production traffic", defaultWeight: 0 },
      { value: "STAGING_ONLY", label: "In staging, but not under load", defaultWeight: 1 },
      { value: "NO", label: "No", defaultWeight: 3 },
    ],
  },
] as const satisfies readonly RiskQuestion[];

export type RiskQuestionId = (typeof RISK_QUESTIONS)[number]["id"];
type QuestionById<Id extends RiskQuestionId> = Extract<(typeof RISK_QUESTIONS)[number], { id: Id }>;
export type RiskAnswers = { [Id in RiskQuestionId]: QuestionById<Id>["options"][number]["value"] };
/** Points per question and option; the shape the policy stores. */
export type RiskWeights = { [Id in RiskQuestionId]: Record<QuestionById<Id>["options"][number]["value"], number> };

function enumOf(q: RiskQuestion) {
  const values = q.options.map((o) => o.value) as [string, ...string[]];
  return z.enum(values, { error: `Answer “${q.label}”` });
}

export const riskAnswersSchema = z.object(
  Object.fromEntries(RISK_QUESTIONS.map((q) => [q.id, enumOf(q)])) as unknown as {
    [Id in RiskQuestionId]: z.ZodType<RiskAnswers[Id]>;
  },
  { error: "Answer the risk questionnaire" },
);

/** Answers as a form holds them: a question not answered yet is missing or null (a draft may keep it so). */
export type RiskAnswersDraft = { [Id in RiskQuestionId]?: RiskAnswers[Id] | null };

export const riskAnswersDraftSchema = z.object(
  Object.fromEntries(RISK_QUESTIONS.map((q) => [q.id, enumOf(q).nullable().optional()])) as unknown as {
    [Id in RiskQuestionId]: z.ZodType<RiskAnswers[Id] | null | undefined>;
  },
  { error: "Answer the risk questionnaire" },
) as unknown as z.ZodType<RiskAnswersDraft>;

/** The questions still unanswered, in the form's order (submit refuses until there are none). */
export function unansweredQuestions(answers: RiskAnswersDraft | null | undefined): RiskQuestion[] {
  return RISK_QUESTIONS.filter((q) => !answers?.[q.id]);
}

export function defaultRiskWeights(): RiskWeights {
  return Object.fromEntries(
    RISK_QUESTIONS.map((q) => [q.id, Object.fromEntries(q.options.map((o) => [o.value, o.defaultWeight]))]),
  ) as RiskWeights;
}

export interface RiskSuggestion {
  level: RiskLevel;
  score: number;
  /** The answers that added points, heaviest first: "Reversibility: It cannot be undone (+6)". */
  reasons: string[];
}

export function suggestRisk(answers: RiskAnswersDraft, policy: Pick<Policy, "riskAssessment">): RiskSuggestion {
  const { weights, mediumAt, highAt } = policy.riskAssessment;
  const scored: { points: number; reason: string }[] = [];
  for (const q of RISK_QUESTIONS) {
    const value = answers[q.id];
    if (!value) continue;
    const option = (q.options as readonly RiskOption[]).find((o) => o.value === value);
    const points = (weights[q.id] as Record<string, number>)[value] ?? 0;
    if (option && points > 0) scored.push({ points, reason: `${q.label}: ${option.label} (+${points})` });
  }
  const score = scored.reduce((sum, s) => sum + s.points, 0);
  const level: RiskLevel = score >= highAt ? "HIGH" : score >= mediumAt ? "MEDIUM" : "LOW";
  scored.sort((a, b) => b.points - a.points);
  return { level, score, reasons: scored.map((s) => s.reason) };
}

export const MIN_JUSTIFICATION_LENGTH = 20;

/**
 * Picking a higher level than suggested is always fine; a lower one must be explained, because the
 * CAB reads the explanation on the agenda. Returns the message for the justification field, or null.
 */
export function riskJustificationError(input: {
  chosen: RiskLevel;
  suggested: RiskLevel | null | undefined;
  justification: string | null | undefined;
}): string | null {
  if (!input.suggested || RISK_RANK[input.chosen] >= RISK_RANK[input.suggested]) return null;
  const text = (input.justification ?? "").trim();
  if (text.length >= MIN_JUSTIFICATION_LENGTH) return null;
  const why = `Risk is set to ${RISK_LABELS[input.chosen]} but the questionnaire suggests ${RISK_LABELS[input.suggested]}`;
  return text.length === 0
    ? `${why}: explain why it is lower`
    : `${why}: the justification needs at least ${MIN_JUSTIFICATION_LENGTH} characters`;
}

/** True when the chosen level is below the suggestion, i.e. the CAB should see the justification. */
export function isBelowSuggestion(chosen: RiskLevel, suggested: RiskLevel | null | undefined): boolean {
  return !!suggested && RISK_RANK[chosen] < RISK_RANK[suggested];
}
