// A feature flag's configuration, its SSM parameter in the seed's JSON shape, and what kind of change
// one configuration is from another. Publishing "on", a higher percentage or a wider allowlist is a
// production change under the approval matrix; turning the flag off is the kill switch.
import { z } from "zod";

export interface FlagConfig {
  enabled: boolean;
  /** Share of stickiness values let in, 0–100. */
  percentage: number;
  /** Ids always let in while the flag is on (the seed's `whitelist`). */
  allowlist: string[];
}

export interface FlagMeta {
  description: string;
  stickiness: string;
  createdAt: Date;
  createdBy: string;
}

/** A step of a guarded rollout: publish this percentage, then hold it while the gates watch. */
export interface FlagRolloutStep {
  percentage: number;
  holdMinutes: number;
}

export const FLAG_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
/** SSM's standard tier holds 4 KB per parameter. */
export const PARAMETER_MAX_BYTES = 4096;

export function parameterNameFor(environment: string, name: string): string {
  return environment === "production" ? `/features/${name}` : `/${environment}/features/${name}`;
}

/** The seed's JSON: `enabled`, `percentage`, `whitelist`, `description`, `createdAt`, `createdBy` (+ our `stickiness`). */
export function toParameterValue(config: FlagConfig, meta: FlagMeta): string {
  return JSON.stringify({
    enabled: config.enabled,
    percentage: config.percentage,
    whitelist: config.allowlist,
    description: meta.description,
    createdAt: meta.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    createdBy: meta.createdBy,
    stickiness: meta.stickiness,
  });
}

const parameterShape = z.object({
  enabled: z.boolean(),
  percentage: z.number().min(0).max(100),
  whitelist: z.array(z.string()).optional(),
  allowlist: z.array(z.string()).optional(),
});

/** The configuration a parameter holds, or null when it is not a flag in the seed's shape. */
export function parseParameterValue(value: string): FlagConfig | null {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return null;
  }
  const p = parameterShape.safeParse(raw);
  if (!p.success) return null;
  return { enabled: p.data.enabled, percentage: p.data.percentage, allowlist: p.data.whitelist ?? p.data.allowlist ?? [] };
}

export function sameConfig(a: FlagConfig, b: FlagConfig): boolean {
  return a.enabled === b.enabled && a.percentage === b.percentage && a.allowlist.length === b.allowlist.length && a.allowlist.every((x, i) => x === b.allowlist[i]);
}

/** How many users a configuration can reach, compared: the kill switch, a widening, or no wider. */
export type FlagDirection = "KILL" | "WIDENING" | "NARROWING" | "NONE";

export function flagDirection(from: FlagConfig, to: FlagConfig): FlagDirection {
  if (sameConfig(from, to)) return "NONE";
  if (!to.enabled) return "KILL";
  if (!from.enabled) return "WIDENING";
  const added = to.allowlist.some((id) => !from.allowlist.includes(id));
  return to.percentage > from.percentage || added ? "WIDENING" : "NARROWING";
}

export function describeFlag(c: FlagConfig): string {
  if (!c.enabled) return "off";
  const ids = c.allowlist.length > 0 ? ` + ${c.allowlist.length} allowlisted` : "";
  return `on, ${c.percentage} %${ids}`;
}

const id = z.string().trim().min(1, "Allowlist ids cannot be blank").max(200, "An allowlist id is too long (at most 200 characters)");

/** The target of a flag change, as a form or the API sends it. `integers`: the policy's rule for percentages. */
export function flagTargetSchema(integers: boolean) {
  const pct = (field: string) =>
    z
      .number({ error: `${field} must be a number` })
      .min(0, `${field} must be between 0 and 100`)
      .max(100, `${field} must be between 0 and 100`)
      .refine((v) => !integers || Number.isInteger(v), `${field} must be a whole number (the policy allows whole percentages only)`)
      .refine((v) => Number.isInteger(v * 100), `${field} has at most two decimals`);
  return z
    .object({
      enabled: z.boolean({ error: "Say whether the flag is on" }),
      percentage: pct("Percentage"),
      allowlist: z.array(id).max(500, "At most 500 allowlisted ids"),
      rollout: z
        .array(z.object({ percentage: pct("Rollout step percentage"), holdMinutes: z.number().int("Hold minutes must be whole").min(0).max(24 * 60) }))
        .max(20, "At most 20 rollout steps")
        .default([]),
    })
    .superRefine((t, ctx) => {
      if (new Set(t.allowlist).size !== t.allowlist.length) ctx.addIssue({ code: "custom", path: ["allowlist"], message: "The allowlist names an id twice" });
      const steps = t.rollout;
      for (let i = 1; i < steps.length; i++) {
        if (steps[i]!.percentage <= steps[i - 1]!.percentage) ctx.addIssue({ code: "custom", path: ["rollout", i, "percentage"], message: "Rollout steps must rise" });
      }
      const last = steps.at(-1);
      if (last && last.percentage !== t.percentage) ctx.addIssue({ code: "custom", path: ["rollout"], message: "The rollout must end at the target percentage" });
      if (steps.length > 0 && !t.enabled) ctx.addIssue({ code: "custom", path: ["rollout"], message: "A rollout turns a flag on; turning it off is the kill switch" });
    });
}
export type FlagTarget = z.infer<ReturnType<typeof flagTargetSchema>>;

/** The percentages a change publishes in turn: its rollout, or the target at once. */
export function rolloutSteps(target: FlagTarget): FlagRolloutStep[] {
  return target.rollout.length > 0 ? target.rollout : [{ percentage: target.percentage, holdMinutes: 0 }];
}

/** Whether a published value fits SSM's standard tier. */
export function parameterTooLarge(value: string): boolean {
  return new TextEncoder().encode(value).length > PARAMETER_MAX_BYTES;
}
