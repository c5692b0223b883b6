// Traffic plans: how much of an alias's traffic the new version gets, and for how long, step by
// step. The named plans mean exactly what AWS CodeDeploy's predefined Lambda configurations mean, so
// an engineer who knows "Canary10Percent5Minutes" from SAM gets the same schedule here.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { STRATEGY_NAMES, type StrategyName } from "./strategy-names";

export { STRATEGY_NAMES, type StrategyName };

export interface TrafficStep {
  /** Share of the alias's traffic on the new version, 0 < weight ≤ 1. */
  weight: number;
  /** How long to hold this weight (while watching the gates) before the next step. */
  waitSeconds: number;
}
export interface TrafficPlan {
  /** Never empty; the last step always has weight 1. */
  steps: TrafficStep[];
}

export const BLUE_GREEN_DEFAULT_WATCH_MINUTES = 10;
/** CodeDeploy's own upper bound for a custom interval; a longer wait is a parked deploy, not a plan. */
export const MAX_STEP_MINUTES = 2880;
export const MAX_CUSTOM_STEPS = 20;

type NamedShape =
  | { kind: "blueGreen" }
  | { kind: "allAtOnce" }
  | { kind: "canary"; percent: number; minutes: number }
  | { kind: "linear"; percent: number; everyMinutes: number };

const NAMED: Record<Exclude<StrategyName, CustomStrategy>, NamedShape> = {
  BLUE_GREEN: { kind: "blueGreen" },
  AllAtOnce: { kind: "allAtOnce" },
  Canary10Percent5Minutes: { kind: "canary", percent: 10, minutes: 5 },
  Canary10Percent10Minutes: { kind: "canary", percent: 10, minutes: 10 },
  Canary10Percent15Minutes: { kind: "canary", percent: 10, minutes: 15 },
  Canary10Percent30Minutes: { kind: "canary", percent: 10, minutes: 30 },
  Linear10PercentEvery1Minute: { kind: "linear", percent: 10, everyMinutes: 1 },
  Linear10PercentEvery2Minutes: { kind: "linear", percent: 10, everyMinutes: 2 },
  Linear10PercentEvery3Minutes: { kind: "linear", percent: 10, everyMinutes: 3 },
  Linear10PercentEvery10Minutes: { kind: "linear", percent: 10, everyMinutes: 10 },
};

export const CUSTOM_STRATEGIES = ["CUSTOM_CANARY", "CUSTOM_LINEAR", "CUSTOM_STEPS"] as const;
export type CustomStrategy = (typeof CUSTOM_STRATEGIES)[number];

export function isCustomStrategy(s: string): s is CustomStrategy {
  return (CUSTOM_STRATEGIES as readonly string[]).includes(s);
}
export function isStrategyName(s: string): s is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(s);
}

export interface StrategyOption {
  id: StrategyName;
  label: string;
  description: string;
  /** True when the strategy needs (CUSTOM_*) or accepts (BLUE_GREEN) a customPlan object. */
  custom: "required" | "optional" | "none";
}

function describeNamed(shape: NamedShape): { label: string; description: string } {
  switch (shape.kind) {
    case "blueGreen":
      return {
        label: "Blue-green",
        description: `Switch all traffic to the new version at once, then watch it (${BLUE_GREEN_DEFAULT_WATCH_MINUTES} min by default) and switch back on a breach.`,
      };
    case "allAtOnce":
      return { label: "All at once", description: "Shift all traffic immediately. Not recommended for production." };
    case "canary":
      return {
        label: `Canary ${shape.percent} % for ${shape.minutes} min`,
        description: `${shape.percent} % of traffic for ${shape.minutes} minutes, then the remaining ${100 - shape.percent} % at once.`,
      };
    case "linear":
      return {
        label: `Linear ${shape.percent} % every ${plural(shape.everyMinutes, "minute")}`,
        description: `Add ${shape.percent} % of traffic every ${plural(shape.everyMinutes, "minute")} until all traffic is shifted.`,
      };
  }
}

/** Every strategy, in the order a picker should list them. */
export const STRATEGY_OPTIONS: StrategyOption[] = [
  ...(Object.entries(NAMED) as [Exclude<StrategyName, CustomStrategy>, NamedShape][]).map(([id, shape]) => ({
    id,
    ...describeNamed(shape),
    custom: id === "BLUE_GREEN" ? ("optional" as const) : ("none" as const),
  })),
  {
    id: "CUSTOM_CANARY",
    label: "Custom canary",
    description: "A chosen percentage for a chosen number of minutes, then all traffic.",
    custom: "required",
  },
  {
    id: "CUSTOM_LINEAR",
    label: "Custom linear",
    description: "Add a chosen percentage every chosen number of minutes until all traffic is shifted.",
    custom: "required",
  },
  {
    id: "CUSTOM_STEPS",
    label: "Custom steps",
    description: "Your own increasing weights, each held for its own number of minutes, then all traffic.",
    custom: "required",
  },
];

const minutes = (label: string, min: number) =>
  z
    .number({ error: `${label} must be a number of minutes` })
    .int(`${label} must be whole minutes`)
    .min(min, `${label} must be at least ${min} minute${min === 1 ? "" : "s"}`)
    .max(MAX_STEP_MINUTES, `${label} must be at most ${MAX_STEP_MINUTES} minutes (2 days)`);

const percent = z
  .number({ error: "Percentage must be a number" })
  .int("Percentage must be a whole number")
  .min(1, "Percentage must be at least 1 %")
  .max(99, "Percentage must be at most 99 % (100 % is the final step)");

export const customCanarySchema = z.object({ percent, minutes: minutes("Canary duration", 1) }).strict();
export const customLinearSchema = z.object({ percent, everyMinutes: minutes("Interval", 1) }).strict();
export const blueGreenOptionsSchema = z.object({ watchMinutes: minutes("Watch period", 0) }).strict();

const stepSchema = z
  .object({
    weight: z
      .number({ error: "Weight must be a number between 0 and 1" })
      .gt(0, "Weight must be more than 0")
      .lte(1, "Weight must be at most 1 (100 %)"),
    minutes: minutes("Step duration", 0),
  })
  .strict();

export const customStepsSchema = z
  .array(stepSchema)
  .min(1, "Add at least one step")
  .max(MAX_CUSTOM_STEPS, `At most ${MAX_CUSTOM_STEPS} steps`)
  .superRefine((steps, ctx) => {
    steps.forEach((s, i) => {
      const last = i === steps.length - 1;
      // Only the final step may be 100 %: a 100 % step in the middle would end the shift early.
      if (s.weight >= 1 && !last) {
        ctx.addIssue({ code: "custom", path: [i, "weight"], message: "Only the last step may send 100 % of traffic" });
      }
      // A partial step that is not held for a while observes nothing; it only adds an API call.
      if (s.weight < 1 && s.minutes < 1) {
        ctx.addIssue({ code: "custom", path: [i, "minutes"], message: "A partial step must be held for at least 1 minute" });
      }
      const prev = steps[i - 1];
      if (prev && s.weight <= prev.weight) {
        ctx.addIssue({
          code: "custom",
          path: [i, "weight"],
          message: `Weights must increase: step ${i + 1} (${pct(s.weight)}) is not above step ${i} (${pct(prev.weight)})`,
        });
      }
    });
  });

export type CustomCanary = z.infer<typeof customCanarySchema>;
export type CustomLinear = z.infer<typeof customLinearSchema>;
export type CustomStep = z.infer<typeof stepSchema>;
export type BlueGreenOptions = z.infer<typeof blueGreenOptionsSchema>;

/** The custom-plan schema each strategy takes; undefined means "takes none". */
export const CUSTOM_PLAN_SCHEMAS: Partial<Record<StrategyName, z.ZodType>> = {
  BLUE_GREEN: blueGreenOptionsSchema,
  CUSTOM_CANARY: customCanarySchema,
  CUSTOM_LINEAR: customLinearSchema,
  CUSTOM_STEPS: customStepsSchema,
};

/** Strategy + custom plan as a form or API sends them; issues land on `customPlan.<path>`. */
export const trafficPlanInputSchema = z
  .object({
    strategy: z.enum(STRATEGY_NAMES, { error: "Choose a deployment strategy" }),
    customPlan: z.unknown().optional().nullable(),
  })
  .superRefine((v, ctx) => {
    for (const issue of customPlanIssues(v.strategy, v.customPlan)) {
      ctx.addIssue({ code: "custom", path: ["customPlan", ...issue.path], message: issue.message });
    }
  });
export type TrafficPlanInput = z.infer<typeof trafficPlanInputSchema>;

function customPlanIssues(strategy: StrategyName, custom: unknown): { path: PropertyKey[]; message: string }[] {
  const schema = CUSTOM_PLAN_SCHEMAS[strategy];
  const given = custom !== undefined && custom !== null;
  if (!schema) return given ? [{ path: [], message: `${strategy} takes no custom plan` }] : [];
  if (!given) return isCustomStrategy(strategy) ? [{ path: [], message: "Describe the custom plan" }] : [];
  const r = schema.safeParse(custom);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

/**
 * The schedule for a strategy. `strategy` is a string because it usually comes from a database row;
 * an unknown name or an invalid custom plan is a VALIDATION AppError, never a silent default.
 */
export function buildTrafficPlan(strategy: string, custom?: unknown): TrafficPlan {
  if (!isStrategyName(strategy)) throw new AppError("VALIDATION", `Unknown deployment strategy "${strategy}"`);
  const issues = customPlanIssues(strategy, custom);
  const first = issues[0];
  if (first) {
    const fields = Object.fromEntries(issues.map((i) => [["customPlan", ...i.path].join("."), i.message]));
    throw new AppError("VALIDATION", `Invalid plan for ${strategy}: ${first.message}`, { fields });
  }
  switch (strategy) {
    case "CUSTOM_CANARY":
      return canary(customCanarySchema.parse(custom));
    case "CUSTOM_LINEAR":
      return linear(customLinearSchema.parse(custom));
    case "CUSTOM_STEPS":
      return stepsPlan(customStepsSchema.parse(custom));
    default: {
      const shape = NAMED[strategy];
      if (shape.kind === "canary") return canary(shape);
      if (shape.kind === "linear") return linear(shape);
      if (shape.kind === "allAtOnce") return { steps: [{ weight: 1, waitSeconds: 0 }] };
      const watch = custom ? blueGreenOptionsSchema.parse(custom).watchMinutes : BLUE_GREEN_DEFAULT_WATCH_MINUTES;
      // The watch period is the hold after the atomic switch: the gates decide whether to switch back.
      return { steps: [{ weight: 1, waitSeconds: watch * 60 }] };
    }
  }
}

function canary(c: { percent: number; minutes: number }): TrafficPlan {
  return { steps: [{ weight: c.percent / 100, waitSeconds: c.minutes * 60 }, { weight: 1, waitSeconds: 0 }] };
}

function linear(l: { percent: number; everyMinutes: number }): TrafficPlan {
  const steps: TrafficStep[] = [];
  // Integer percentages divided once, so 3 × 10 % is exactly 0.3, not 0.30000000000000004.
  for (let p = l.percent; p < 100; p += l.percent) steps.push({ weight: p / 100, waitSeconds: l.everyMinutes * 60 });
  steps.push({ weight: 1, waitSeconds: 0 });
  return { steps };
}

function stepsPlan(input: CustomStep[]): TrafficPlan {
  const steps = input.map((s) => ({ weight: s.weight, waitSeconds: s.minutes * 60 }));
  if ((steps[steps.length - 1]?.weight ?? 0) < 1) steps.push({ weight: 1, waitSeconds: 0 });
  return { steps };
}

/** Seconds from the first shift until the plan reaches its last step and has held it. */
export function planDurationSeconds(plan: TrafficPlan): number {
  return plan.steps.reduce((sum, s) => sum + s.waitSeconds, 0);
}

/** "10 % for 5 min → 100 %": one line for lists and the deployment header. */
export function describePlan(plan: TrafficPlan): string {
  return plan.steps
    .map((s) => (s.waitSeconds > 0 ? `${pct(s.weight)} for ${duration(s.waitSeconds)}` : pct(s.weight)))
    .join(" → ");
}

function pct(weight: number): string {
  return `${Number((weight * 100).toFixed(2))} %`;
}
function duration(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}
function plural(n: number, word: string): string {
  return n === 1 ? word : `${n} ${word}s`;
}
