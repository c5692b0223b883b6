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
