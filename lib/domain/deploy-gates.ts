// Deploy gates: the seed's CloudWatch alarms and post-deploy checks as data plus one evaluator, so
// the orchestrator, the deployment page and the tests all agree on what a breach is and say it in
// the same words. Per-service overrides live in Service.gateRules (null = the seed's defaults).
import { DateTime } from "luxon";
import { z } from "zod";
import { AppError } from "@/lib/errors";

export const GATE_RULE_IDS = ["ERROR_COUNT", "ERROR_RATE", "P99_DURATION", "THROTTLES", "NO_INVOCATIONS"] as const;
export type GateRuleId = (typeof GATE_RULE_IDS)[number];
export const GATE_RULE_LABELS: Record<GateRuleId, string> = {
  ERROR_COUNT: "Error count",
  ERROR_RATE: "Error rate",
  P99_DURATION: "p99 duration",
  THROTTLES: "Throttles",
  NO_INVOCATIONS: "Invocations",
};

export interface GateRules {
  /** Metric period; Lambda publishes at 1-minute resolution, so a multiple of 60. */
  periodSeconds: number;
  errorCount: { enabled: boolean; threshold: number; consecutivePeriods: number };
  errorRate: { enabled: boolean; thresholdPercent: number };
  p99Duration: { enabled: boolean; thresholdMs: number };
  throttles: { enabled: boolean; maxThrottles: number };
  /** Watch after 100 %; with requireInvocations, a silent window fails (no traffic proves nothing). */
  validation: { minutes: number; requireInvocations: boolean };
}

/** The seed: Errors Sum > 5 over 2 × 60 s; error rate < 0.1 %; p99 < 1000 ms; no throttles; 10 min. */
export const DEFAULT_GATE_RULES: GateRules = {
  periodSeconds: 60,
  errorCount: { enabled: true, threshold: 5, consecutivePeriods: 2 },
  errorRate: { enabled: true, thresholdPercent: 0.1 },
  p99Duration: { enabled: true, thresholdMs: 1000 },
  throttles: { enabled: true, maxThrottles: 0 },
  validation: { minutes: 10, requireInvocations: true },
};

const enabled = z.boolean({ error: "Choose on or off" });
const count = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

/** Overrides as stored in Service.gateRules: every field optional, unknown keys refused. */
export const gateRulesOverrideSchema = z
  .object({
    periodSeconds: count("Metric period", 60, 3600).refine((v) => v % 60 === 0, "Metric period must be whole minutes"),
    errorCount: z
      .object({ enabled, threshold: count("Error threshold", 0, 1_000_000), consecutivePeriods: count("Periods", 1, 10) })
      .partial()
      .strict(),
    errorRate: z
      .object({
        enabled,
        thresholdPercent: z
          .number({ error: "Error-rate threshold must be a number" })
          .gt(0, "Error-rate threshold must be above 0 %")
          .max(100, "Error-rate threshold must be at most 100 %"),
      })
      .partial()
      .strict(),
    // Lambda's own timeout ceiling is 15 minutes; a larger p99 limit could never trip.
    p99Duration: z.object({ enabled, thresholdMs: count("p99 threshold", 1, 900_000) }).partial().strict(),
    throttles: z.object({ enabled, maxThrottles: count("Allowed throttles", 0, 1_000_000) }).partial().strict(),
    validation: z
      .object({ minutes: count("Validation window", 1, 120), requireInvocations: z.boolean() })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type GateRulesOverride = z.infer<typeof gateRulesOverrideSchema>;

/** Defaults merged with a service's stored overrides; invalid JSON is a VALIDATION error, not a guess. */
export function resolveGateRules(stored: unknown): GateRules {
  if (stored === null || stored === undefined) return DEFAULT_GATE_RULES;
  const r = gateRulesOverrideSchema.safeParse(stored);
  if (!r.success) {
    const fields = Object.fromEntries(r.error.issues.map((i) => [["gateRules", ...i.path].join("."), i.message]));
    throw new AppError("VALIDATION", `Invalid gate rules: ${r.error.issues[0]?.message ?? "unreadable"}`, { fields });
  }
  const o = r.data;
  const d = DEFAULT_GATE_RULES;
  return {
    periodSeconds: o.periodSeconds ?? d.periodSeconds,
    errorCount: { ...d.errorCount, ...o.errorCount },
    errorRate: { ...d.errorRate, ...o.errorRate },
    p99Duration: { ...d.p99Duration, ...o.p99Duration },
    throttles: { ...d.throttles, ...o.throttles },
    validation: { ...d.validation, ...o.validation },
  };
}

/**
 * One metric period as CloudWatch reports it. null = no datapoint: CloudWatch publishes nothing
 * for a period without traffic, so "missing" is not the same as "zero" and the rules say which
 * way each one reads it.
 */
export interface MetricReading {
  /** Start of the period (CloudWatch labels datapoints by their start). */
  timestamp: Date;
  periodSeconds: number;
  invocations: number | null;
  errors: number | null;
  throttles: number | null;
  p99Ms: number | null;
  /** From metric math, used only when errors/invocations cannot be computed from the sums. */
  errorRatePercent?: number | null;
}

/** Shift: the new version's metrics while traffic is split. Validation: the alias after 100 %. */
export type GatePhase = { kind: "shift" } | { kind: "validation"; windowEndedAt?: Date };

export type GateVerdict =
  | { breached: false }
  | {
      breached: true;
      rule: GateRuleId;
      /** The reading that tripped the rule; null for a validation window with no datapoints at all. */
      reading: MetricReading | null;
      /** End of the offending period (or of the validation window). */
      at: Date;
      value: number;
      threshold: number;
      message: string;
    };

export interface GateOptions {
  /** IANA zone for the times in messages; UTC by default. */
  timeZone?: string;
}

// Rates are ratios of floats; without a tolerance "exactly at the threshold" would depend on rounding.
const EPS = 1e-9;
const atLeast = (value: number, threshold: number) => value >= threshold - EPS * Math.max(1, Math.abs(threshold));

export function periodEnd(r: MetricReading): Date {
  return new Date(r.timestamp.getTime() + r.periodSeconds * 1000);
}

/**
 * Where a tick's gate read starts: `consecutivePeriods` before the step (so a run of bad periods
 * may span a step change), at most 30 periods back, and never before the first whole period after
 * `trafficFrom`, when the traffic the gates watch became the new version's alone. Earlier periods
 * carry the old version's traffic: counting them would roll back a fix for the very errors it
 * fixes, and the chart would draw them as the new version's.
 */
export function gateReadFrom(rules: Pick<GateRules, "periodSeconds" | "errorCount">, since: Date, now: Date, trafficFrom: Date): Date {
  const period = rules.periodSeconds * 1000;
  const lookBack = rules.errorCount.consecutivePeriods * period;
  return new Date(Math.max(since.getTime() - lookBack, now.getTime() - 30 * period, firstWholePeriod(trafficFrom, rules.periodSeconds).getTime()));
}

/** The start of the first metric period wholly after `at` (periods are aligned to multiples of their length, as CloudWatch's are). */
export function firstWholePeriod(at: Date, periodSeconds: number): Date {
  const period = periodSeconds * 1000;
  return new Date(Math.ceil(at.getTime() / period) * period);
}

/** Error rate in percent, or null when it cannot be known (no invocations datapoint, or zero). */
export function errorRatePercent(r: MetricReading): number | null {
  if (r.errors !== null && r.invocations !== null && r.invocations > 0) return (r.errors / r.invocations) * 100;
  return r.errorRatePercent ?? null;
}

/**
 * The earliest breach in the readings, or none. In the validation phase, once `windowEndedAt` is
 * given, a window whose invocations sum to zero (or that has no invocation datapoints) also fails.
 */
export function evaluateGates(
  rules: GateRules,
  readings: readonly MetricReading[],
  phase: GatePhase,
  opts: GateOptions = {},
): GateVerdict {
  const zone = opts.timeZone ?? "UTC";
  const sorted = [...readings].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  let streak: MetricReading[] = [];

  for (const r of sorted) {
    const when = `in ${periodWords(r.periodSeconds)} ending ${clock(periodEnd(r), zone)}`;
    const ec = rules.errorCount;
    if (ec.enabled) {
      // A missing period breaks the run: it is not evidence of errors, and an alarm on "2 consecutive
      // periods" must not join two bad minutes across a gap.
      const prev = streak[streak.length - 1];
      const adjacent = prev && prev.timestamp.getTime() + prev.periodSeconds * 1000 === r.timestamp.getTime();
      if (r.errors !== null && r.errors > ec.threshold) streak = adjacent ? [...streak, r] : [r];
      else streak = [];
      if (streak.length >= ec.consecutivePeriods) {
        const counts = streak.slice(-ec.consecutivePeriods).map((s) => fmt(s.errors ?? 0));
        const message =
          ec.consecutivePeriods === 1
            ? `${counts[0]} errors > ${ec.threshold} ${when}`
            : `errors ${listWords(counts)} > ${ec.threshold} in each of ${ec.consecutivePeriods} consecutive ${unitWords(r.periodSeconds)}, the last ending ${clock(periodEnd(r), zone)}`;
        return breach("ERROR_COUNT", r, r.errors ?? 0, ec.threshold, message);
      }
    }
    const rate = errorRatePercent(r);
    if (rules.errorRate.enabled && rate !== null && atLeast(rate, rules.errorRate.thresholdPercent)) {
      const t = rules.errorRate.thresholdPercent;
      return breach("ERROR_RATE", r, rate, t, `error rate ${fmt(rate)} % ≥ ${fmt(t)} % ${when}`);
    }
    const p99 = rules.p99Duration;
    if (p99.enabled && r.p99Ms !== null && atLeast(r.p99Ms, p99.thresholdMs)) {
      return breach("P99_DURATION", r, r.p99Ms, p99.thresholdMs, `p99 duration ${fmt(r.p99Ms)} ms ≥ ${fmt(p99.thresholdMs)} ms ${when}`);
    }
    const th = rules.throttles;
    if (th.enabled && r.throttles !== null && r.throttles > th.maxThrottles) {
      const message = `${fmt(r.throttles)} throttled request${r.throttles === 1 ? "" : "s"} > ${th.maxThrottles} allowed ${when}`;
      return breach("THROTTLES", r, r.throttles, th.maxThrottles, message);
    }
  }

  if (phase.kind === "validation" && phase.windowEndedAt && rules.validation.requireInvocations) {
    const known = sorted.filter((r) => r.invocations !== null);
    const total = known.reduce((s, r) => s + (r.invocations ?? 0), 0);
    if (total <= 0) {
      const what = known.length === 0 ? "no invocation datapoints" : "0 invocations";
      const message = `${what} in the ${rules.validation.minutes}-minute validation window ending ${clock(phase.windowEndedAt, zone)}: nothing proves the new version serves traffic`;
      return {
        breached: true,
        rule: "NO_INVOCATIONS",
        reading: known[known.length - 1] ?? null,
        at: phase.windowEndedAt,
        value: total,
        threshold: 0,
        message,
      };
    }
  }
  return { breached: false };
}

function breach(rule: GateRuleId, reading: MetricReading, value: number, threshold: number, message: string): GateVerdict {
  return { breached: true, rule, reading, at: periodEnd(reading), value, threshold, message };
}

/** The rules in words, for the service page and the deployment header. */
export function describeGateRules(rules: GateRules): string[] {
  const per = periodWords(rules.periodSeconds).replace(/^the /, "");
  const out: string[] = [];
  const { errorCount: ec, errorRate, p99Duration, throttles, validation } = rules;
  if (ec.enabled) out.push(`Errors > ${ec.threshold} per ${per} in ${ec.consecutivePeriods} consecutive periods`);
  if (errorRate.enabled) out.push(`Error rate ≥ ${fmt(errorRate.thresholdPercent)} % in any ${per}`);
  if (p99Duration.enabled) out.push(`p99 duration ≥ ${p99Duration.thresholdMs} ms in any ${per}`);
  if (throttles.enabled) out.push(throttles.maxThrottles === 0 ? "Any throttles" : `More than ${throttles.maxThrottles} throttles in any ${per}`);
  out.push(`Validation for ${validation.minutes} min after 100 %${validation.requireInvocations ? ", with at least one invocation" : ""}`);
  return out;
}

function periodWords(seconds: number): string {
  if (seconds === 60) return "the minute";
  if (seconds % 60 === 0) return `the ${seconds / 60} minutes`;
  return `the ${seconds} s`;
}

function unitWords(seconds: number): string {
  if (seconds === 60) return "minutes";
  return seconds % 60 === 0 ? `${seconds / 60}-minute periods` : `${seconds} s periods`;
}

function listWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function clock(d: Date, zone: string): string {
  const t = DateTime.fromJSDate(d, { zone });
  return zone === "UTC" ? `${t.toFormat("HH:mm")} UTC` : t.toFormat("HH:mm ZZZZ");
}

/** 2.3456 → "2.3", 0.00456 → "0.0046", 1234.5 → "1234.5": enough digits to compare with a threshold. */
function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 10 ? String(Number(n.toFixed(1))) : String(Number(n.toPrecision(2)));
}
