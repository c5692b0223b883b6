// The deployment strategies a CR may name. Their traffic schedules live in traffic-plan.ts.
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

export const STRATEGY_LABELS: Record<StrategyName, string> = {
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
