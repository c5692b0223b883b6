// The approval matrix as data. A PolicyVersion row stores one of these as JSON; a CR is judged by
// the version in force when it was submitted, so every rule that gates a deploy reads it from here
// instead of hard-coding the seed's table.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { isValidTimeZone } from "./local-time";
import { defaultRiskWeights, RISK_QUESTIONS, type RiskWeights } from "./risk-assessment";
import { GATE_KINDS, RISK_LABELS, type GateKind, type RiskLevel, type Role } from "./vocabulary";

export const APPROVERS = ["CAB", "CTO", "AUTOMATED"] as const;
export type Approver = (typeof APPROVERS)[number];
export const APPROVER_LABELS: Record<Approver, string> = { CAB: "CAB", CTO: "CTO", AUTOMATED: "Automated (CI/CD)" };

export const WINDOW_KINDS = ["ANYTIME", "BUSINESS_HOURS", "AFTER_HOURS"] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** NONE: no on-call rule; AVAILABLE: an on-call engineer is named; PRESENT: they confirmed presence. */
export const ON_CALL_RULES = ["NONE", "AVAILABLE", "PRESENT"] as const;
export type OnCallRule = (typeof ON_CALL_RULES)[number];

export const AUDIT_SEVERITIES = ["low", "moderate", "high", "critical"] as const;
export type AuditSeverity = (typeof AUDIT_SEVERITIES)[number];

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's numbering). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAY_SHORT = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export const CAB_SEATS = ["ENG_LEAD", "SRE", "PRODUCT", "SECURITY"] as const;
export type CabSeat = (typeof CAB_SEATS)[number];
export const CAB_SEAT_LABELS: Record<CabSeat, string> = {
  ENG_LEAD: "Engineering lead",
  SRE: "SRE",
  PRODUCT: "Product",
  SECURITY: "Security",
};

/**
 * The CAB seat a person sits in, or null when they are not on the CAB. A person holds one seat even
 * with several specialist roles (SRE before Product before Security), because one person must not
 * be able to satisfy the "different seats" rule alone.
 */
export function cabSeatOf(roles: readonly Role[]): CabSeat | null {
  if (!roles.includes("CAB_MEMBER")) return null;
  if (roles.includes("SRE")) return "SRE";
  if (roles.includes("PRODUCT")) return "PRODUCT";
  if (roles.includes("SECURITY")) return "SECURITY";
  return "ENG_LEAD";
}

/** How a person is named where approvers gather: their CAB seat, or CTO, or nothing. */
export function approverSeatLabel(roles: readonly Role[]): string {
  const seat = cabSeatOf(roles);
  return seat ? CAB_SEAT_LABELS[seat] : roles.includes("CTO") ? "CTO" : "";
}

export interface RiskRule {
  approvals: Approver[];
  gates: GateKind[];
  window: WindowKind;
  onCall: OnCallRule;
  /** Whether gate results the requester entered by hand count (false: CI's or someone else's only). */
  selfReportedGates: boolean;
}

export interface Policy {
  timeZone: string;
  /** Local "HH:mm"; end after start, same day. */
  businessHours: { days: IsoWeekday[]; start: string; end: string };
  /** Nightly start → end (end before start means the next morning), plus whole days such as weekends. */
  afterHours: { start: string; end: string; allDays: IsoWeekday[] };
  /** How long an on-call "I am present" confirmation stays valid. */
  onCall: { confirmationValidHours: number };
  cab: {
    quorum: number;
    distinctSeats: number;
    /** CAB rejections in one round that reject the change until it is revised and resubmitted. */
    rejectionsToReject: number;
    outOfMeeting: { allowed: boolean; approvals: number };
    agendaCutoffHours: number;
    /**
     * `startToleranceMinutes`: how early a meeting may be started before its slot, and how long past
     * its planned end it still counts as running; a vote is an in-meeting vote only inside that span.
     */
    meeting: { weekday: IsoWeekday; start: string; durationMinutes: number; startToleranceMinutes: number };
  };
  gates: {
    coverageMinPct: number;
    dependencyAudit: { minSeverity: AuditSeverity; maxFindings: number };
    loadTestP95MaxMs: number;
  };
  riskAssessment: { weights: RiskWeights; mediumAt: number; highAt: number };
  rules: Record<RiskLevel, RiskRule>;
  /** Feature flags: whether rollout percentages must be whole numbers. */
  flags: { integerPercentages: boolean };
}

export const DEFAULT_POLICY: Policy = {
  timeZone: "Europe/Berlin",
  businessHours: { days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" },
  afterHours: { start: "18:00", end: "08:00", allDays: [6, 7] },
  onCall: { confirmationValidHours: 12 },
  cab: {
    quorum: 2,
    distinctSeats: 2,
    rejectionsToReject: 1,
    outOfMeeting: { allowed: true, approvals: 3 },
    agendaCutoffHours: 24,
    meeting: { weekday: 3, start: "14:00", durationMinutes: 60, startToleranceMinutes: 15 },
  },
  gates: { coverageMinPct: 80, dependencyAudit: { minSeverity: "moderate", maxFindings: 0 }, loadTestP95MaxMs: 500 },
  riskAssessment: { weights: defaultRiskWeights(), mediumAt: 3, highAt: 8 },
  rules: {
    HIGH: { approvals: ["CAB", "CTO"], gates: ["FULL_SUITE", "LOAD_TEST", "SECURITY_SCAN"], window: "AFTER_HOURS", onCall: "PRESENT", selfReportedGates: false },
    MEDIUM: { approvals: ["CAB"], gates: ["FULL_SUITE", "SMOKE"], window: "BUSINESS_HOURS", onCall: "AVAILABLE", selfReportedGates: false },
    LOW: { approvals: ["AUTOMATED"], gates: ["UNIT", "INTEGRATION"], window: "ANYTIME", onCall: "NONE", selfReportedGates: true },
  },
  flags: { integerPercentages: true },
};

export function parseHm(hm: string): { hour: number; minute: number } {
  const [h, m] = hm.split(":");
  return { hour: Number(h), minute: Number(m) };
}

const HM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hm = (field: string) => z.string({ error: `${field} is required` }).regex(HM, `${field} must be a time like 09:00`);
const weekday = (field: string) => z.literal([1, 2, 3, 4, 5, 6, 7], { error: `${field}: weekdays are 1 (Mon) to 7 (Sun)` });
const int = (field: string, min: number, max: number, unit = "") =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be between ${min} and ${max}${unit}`)
    .max(max, `${field} must be between ${min} and ${max}${unit}`);
const num = (field: string, min: number, max: number, unit = "") =>
  z
    .number({ error: `${field} must be a number` })
    .min(min, `${field} must be between ${min} and ${max}${unit}`)
    .max(max, `${field} must be between ${min} and ${max}${unit}`);

const ruleSchema = (risk: RiskLevel) => {
  const name = `${RISK_LABELS[risk]} risk`;
  return z
    .object(
      {
        approvals: z
          .array(z.enum(APPROVERS, { error: `${name}: unknown approver` }), { error: `${name} needs an approval rule` })
          .min(1, `${name} needs at least one approval rule`)
          .refine((a) => new Set(a).size === a.length, `${name}: an approver is listed twice`),
        gates: z
          .array(z.enum(GATE_KINDS, { error: `${name}: unknown gate` }), { error: `${name}: list its required gates` })
          .refine((g) => new Set(g).size === g.length, `${name}: a gate is listed twice`),
        window: z.enum(WINDOW_KINDS, { error: `${name}: choose a deployment window` }),
        onCall: z.enum(ON_CALL_RULES, { error: `${name}: choose an on-call rule` }),
        // Policies stored before this setting existed keep the safe default.
        selfReportedGates: z.boolean({ error: `${name}: say whether the requester's own gate entries count` }).default(risk === "LOW"),
      },
      { error: `${name} has no rule` },
    )
    .superRefine((r, ctx) => {
      // Automated approval means "approved once its gates pass"; with no gates it would approve anything.
      if (r.approvals.includes("AUTOMATED") && r.gates.length === 0) {
        ctx.addIssue({ code: "custom", path: ["gates"], message: `${name}: automated approval needs at least one gate` });
      }
    });
};

const weightsSchema = z.object(
  Object.fromEntries(
    RISK_QUESTIONS.map((q) => [
      q.id,
      z.object(
        Object.fromEntries(q.options.map((o) => [o.value, int(`Weight of “${q.label}: ${o.label}”`, 0, 100)])),
        { error: `Weights for “${q.label}” are missing` },
      ),
    ]),
  ),
  { error: "Risk weights are missing" },
) as unknown as z.ZodType<RiskWeights>;

export const policySchema = z
  .object({
    timeZone: z.string({ error: "Time zone is required" }).refine((tz) => isValidTimeZone(tz), "Unknown time zone"),
    businessHours: z.object({
      days: z.array(weekday("Business days")).min(1, "Business hours need at least one day"),
      start: hm("Business hours start"),
      end: hm("Business hours end"),
    }),
    afterHours: z.object({
      start: hm("After hours start"),
      end: hm("After hours end"),
      allDays: z.array(weekday("After-hours days")),
    }),
    onCall: z.object({ confirmationValidHours: int("On-call confirmation validity", 1, 168, " hours") }),
    cab: z.object({
      quorum: int("CAB quorum", 1, 20),
      distinctSeats: int("Different CAB seats", 1, CAB_SEATS.length),
      rejectionsToReject: int("CAB rejections that reject a change", 1, 20).default(1),
      outOfMeeting: z.object({ allowed: z.boolean(), approvals: int("Out-of-meeting approvals", 1, 20) }),
      agendaCutoffHours: int("Agenda cut-off", 0, 168, " hours"),
      meeting: z.object({
        weekday: weekday("Meeting day"),
        start: hm("Meeting start"),
        durationMinutes: int("Meeting length", 15, 480, " minutes"),
        startToleranceMinutes: int("Meeting start tolerance", 0, 240, " minutes").default(15),
      }),
    }),
    gates: z.object({
      coverageMinPct: num("Coverage threshold", 0, 100, " %"),
      dependencyAudit: z.object({
        minSeverity: z.enum(AUDIT_SEVERITIES, { error: "Dependency audit severity must be low, moderate, high or critical" }),
        maxFindings: int("Allowed dependency findings", 0, 1000),
      }),
      loadTestP95MaxMs: num("Load test p95 limit", 1, 60_000, " ms"),
    }),
    riskAssessment: z.object({
      weights: weightsSchema,
      mediumAt: int("Medium risk threshold", 1, 1000),
      highAt: int("High risk threshold", 1, 1000),
    }),
    rules: z.object(
      { LOW: ruleSchema("LOW"), MEDIUM: ruleSchema("MEDIUM"), HIGH: ruleSchema("HIGH") },
      { error: "Every risk level needs a rule" },
    ),
    // Policies stored before flags existed keep whole percentages.
    flags: z.object({ integerPercentages: z.boolean({ error: "Say whether flag percentages must be whole numbers" }) }).default({ integerPercentages: true }),
  })
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    // Checks run even when a field failed its own format; compare only well-formed times.
    const hmOk = (...t: string[]) => t.every((x) => HM.test(x));
    const bh = p.businessHours;
    if (hmOk(bh.start, bh.end) && bh.end <= bh.start) issue(["businessHours", "end"], "Business hours must end after they start");
    if (hmOk(p.afterHours.start) && p.afterHours.end === p.afterHours.start) issue(["afterHours", "end"], "After hours must end at a different time than they start");
    if (p.cab.distinctSeats > p.cab.quorum) issue(["cab", "distinctSeats"], "Different CAB seats cannot exceed the CAB quorum");
    if (p.cab.outOfMeeting.approvals < p.cab.quorum) {
      issue(["cab", "outOfMeeting", "approvals"], "Out-of-meeting approvals cannot be fewer than the CAB quorum");
    }
    if (p.riskAssessment.highAt <= p.riskAssessment.mediumAt) {
      issue(["riskAssessment", "highAt"], "High risk threshold must be above the Medium risk threshold");
    }
  });

// The hand-written Policy type documents the shape; these lines keep it and the schema in step.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _policyMatchesSchema: Same<z.infer<typeof policySchema>, Policy> = true;
void _policyMatchesSchema;

/** Field path → message, for the admin form. */
export function policyFieldErrors(body: unknown): Record<string, string> | null {
  const parsed = policySchema.safeParse(body);
  if (parsed.success) return null;
  const fields: Record<string, string> = {};
  for (const i of parsed.error.issues) {
    const key = i.path.join(".") || "policy";
    fields[key] ??= i.message;
  }
  return fields;
}

/** A stored or submitted policy body, or an AppError naming every bad field. */
export function parsePolicyOrThrow(body: unknown): Policy {
  const parsed = policySchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = policyFieldErrors(body) ?? {};
  const first = Object.values(fields)[0] ?? "The policy is invalid";
  throw new AppError("VALIDATION", `The policy is invalid: ${first}`, { fields });
}
