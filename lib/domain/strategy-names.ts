// The deployment strategies a CR may name. Their traffic schedules live in traffic-plan.ts.
import { codeWords } from "./vocabulary";
export const STRATEGY_NAMES = [
  "BLUE_GREEN",
  "AllAtOnce",
  "Canary10Percent5Minutes",
  "Canary10Percent10Minutes",
  "Canary10Percent15Minutes",
  "Canary10Percent30Minutes",
  "Linear10PercentEvery1Minute",
  "Linear10PercentEvery2Minutes",
  "Linear10PercentEvery3Minutes",
  "Linear10PercentEvery10Minutes",
  "CUSTOM_CANARY",
  "CUSTOM_LINEAR",
  "CUSTOM_STEPS",
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/**
 * ECS services deploy by ECS's own rolling update (tasks replaced within the service's maximum and
 * minimum healthy percent); no traffic plan applies, so it is not one of the alias strategies above.
 */
export const ECS_STRATEGY = "ROLLING" as const;
/** Every strategy a CR may name: an alias strategy (Lambda services) or ROLLING (ECS services). */
export const CR_STRATEGIES = [...STRATEGY_NAMES, ECS_STRATEGY] as const;
export type CrStrategy = (typeof CR_STRATEGIES)[number];

export const STRATEGY_LABELS: Record<CrStrategy, string> = {
  ROLLING: "Rolling update (ECS replaces tasks within the service's maximum/minimum percent)",
  BLUE_GREEN: "Blue-green (switch at once, then watch)",
  AllAtOnce: "AllAtOnce (100% immediately)",
  Canary10Percent5Minutes: "Canary10Percent5Minutes (10% for 5 min, then 100%)",
  Canary10Percent10Minutes: "Canary10Percent10Minutes (10% for 10 min, then 100%)",
  Canary10Percent15Minutes: "Canary10Percent15Minutes (10% for 15 min, then 100%)",
  Canary10Percent30Minutes: "Canary10Percent30Minutes (10% for 30 min, then 100%)",
  Linear10PercentEvery1Minute: "Linear10PercentEvery1Minute (+10% every minute)",
  Linear10PercentEvery2Minutes: "Linear10PercentEvery2Minutes (+10% every 2 min)",
  Linear10PercentEvery3Minutes: "Linear10PercentEvery3Minutes (+10% every 3 min)",
  Linear10PercentEvery10Minutes: "Linear10PercentEvery10Minutes (+10% every 10 min)",
  CUSTOM_CANARY: "Custom canary",
  CUSTOM_LINEAR: "Custom linear",
  CUSTOM_STEPS: "Custom steps",
};

/** Short names for a table cell or a fact; the long STRATEGY_LABELS explain each in the CR form. */
export const STRATEGY_SHORT_LABELS: Record<CrStrategy, string> = {
  ROLLING: "Rolling update",
  BLUE_GREEN: "Blue-green",
  AllAtOnce: "All at once",
  Canary10Percent5Minutes: "Canary 10% for 5 min",
  Canary10Percent10Minutes: "Canary 10% for 10 min",
  Canary10Percent15Minutes: "Canary 10% for 15 min",
  Canary10Percent30Minutes: "Canary 10% for 30 min",
  Linear10PercentEvery1Minute: "Linear +10% every min",
  Linear10PercentEvery2Minutes: "Linear +10% every 2 min",
  Linear10PercentEvery3Minutes: "Linear +10% every 3 min",
  Linear10PercentEvery10Minutes: "Linear +10% every 10 min",
  CUSTOM_CANARY: "Custom canary",
  CUSTOM_LINEAR: "Custom linear",
  CUSTOM_STEPS: "Custom steps",
};

/** Strategies stored on deployments that no CR chooses. */
const OTHER_STRATEGY_LABELS: Record<string, string> = { FLAG_ROLLOUT: "Guarded flag rollout", ROLLING: "Rolling update (ECS)" };

/** A stored strategy (a free string on old rows and flag rollouts) in words; an unknown code in words too. */
export function strategyWords(strategy: string): string {
  return (STRATEGY_SHORT_LABELS as Record<string, string>)[strategy] ?? OTHER_STRATEGY_LABELS[strategy] ?? (/^[A-Z][A-Z0-9_]+$/.test(strategy) ? codeWords(strategy) : strategy);
}
