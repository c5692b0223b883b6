// The rollout plan the flag page proposes by default, and how the propose form's plain fields become
// the target a flag change carries (parsed afterwards by flagTargetSchema, on the client and server).
import { flagDirection, type FlagConfig } from "./flag-config";

/** The example ladder: 1 % → 5 % → 25 % → 50 % → 100 %, each held a while. */
export const DEFAULT_LADDER = [1, 5, 25, 50, 100] as const;
export const DEFAULT_HOLD_MINUTES = 10;

/**
 * The percentages a widening publishes in turn: the ladder's rungs strictly between what users see
 * now (0 when off) and the target, then the target. A change that only widens the allowlist is one step.
 */
export function defaultRolloutPercentages(current: FlagConfig, target: number): number[] {
  const from = current.enabled ? current.percentage : 0;
  return [...DEFAULT_LADDER.filter((p) => p > from && p < target), target];
}

/** Whether a change from `current` to `to` widens who sees the flag (and so gets a rollout plan). */
export function isWidening(current: FlagConfig, to: FlagConfig): boolean {
  return flagDirection(current, to) === "WIDENING";
}

/** Ids typed one per line or separated by commas; empty entries between separators are dropped. */
export function splitIds(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A form number: blank is not a number (NaN), so the schema says "must be a number". */
const num = (s: string | undefined) => (s === undefined || s.trim() === "" ? Number.NaN : Number(s.trim()));

export interface FlagTargetFields {
  enabled: boolean;
  percentage: string;
  allowlist: string;
  /** Absent when the form shows no plan (not a widening): the change is published at once. */
  plan?: string;
  holdMinutes?: string;
}

/** The form's fields as the target object flagTargetSchema parses. */
export function targetFromFields(f: FlagTargetFields) {
  const plan = f.plan === undefined ? [] : f.plan.split(/[,→>\s]+/).filter((s) => s.length > 0);
  return {
    enabled: f.enabled,
    percentage: num(f.percentage),
    allowlist: splitIds(f.allowlist),
    rollout: plan.map((p) => ({ percentage: num(p.replace(/%$/, "")), holdMinutes: num(f.holdMinutes) })),
  };
}

/** Which form field an error path of the target (or the propose request) belongs to. */
export function formFieldOf(path: string): string {
  if (path.startsWith("rollout") && path.endsWith("holdMinutes")) return "holdMinutes";
  if (path.startsWith("rollout")) return "plan";
  if (path.startsWith("allowlist") || path === "target.allowlist") return "allowlist";
  if (path === "target" || path === "_form") return "percentage";
  return path;
}
