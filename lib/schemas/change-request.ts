// One schema for the change-request form and the server: the form validates with zodResolver, the
// server action and the API parse with the same object, so both refuse the same input with the
// same words.
import { z } from "zod";
import { localToInstant, isValidTimeZone } from "@/lib/domain/local-time";
import { CHANGE_TYPES, RISK_LEVELS } from "@/lib/domain/vocabulary";
import { CR_STRATEGIES, ECS_STRATEGY } from "@/lib/domain/strategy-names";
import { DEFAULT_POLICY, type Policy } from "@/lib/domain/policy";
import { riskAnswersDraftSchema, riskJustificationError, suggestRisk, unansweredQuestions, RISK_QUESTIONS, type RiskAnswers } from "@/lib/domain/risk-assessment";

/**
 * The lowest-risk option of each question: what a pipeline's (CI) change is assumed to answer. The
 * form starts with every question unanswered, so nobody submits the safest answers by not reading.
 */
export const DEFAULT_RISK_ANSWERS = Object.fromEntries(RISK_QUESTIONS.map((q) => [q.id, q.options[0].value])) as RiskAnswers;

const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(min, min === 1 ? `${label} is required` : `${label} needs at least ${min} characters`)
    .max(max, `${label} is too long (at most ${max} characters)`);

export const CR_LIMITS = { summary: 200, longText: 4000, shortText: 500, steps: 30, step: 500, affectedServices: 20 } as const;

const stepMinutes = z
  .number({ error: "Minutes must be a number" })
  .int("Minutes must be whole minutes")
  .min(1, "A step takes at least 1 minute")
  .max(24 * 60, "A step takes at most 24 hours (1440 minutes)")
  .nullable()
  .default(null);

export const changeRequestFields = z.object({
  summary: text("Summary", CR_LIMITS.summary, 5),
  type: z.enum(CHANGE_TYPES, { error: "Choose the type of change" }),
  risk: z.enum(RISK_LEVELS, { error: "Choose a risk level" }),
  description: z.string().trim().max(CR_LIMITS.longText, `Description is too long (at most ${CR_LIMITS.longText} characters)`).default(""),
  // Other registered services this change affects besides the one it deploys (ids; checked on the server).
  affectedServiceIds: z.array(z.string().trim().min(1).max(100)).max(CR_LIMITS.affectedServices, `At most ${CR_LIMITS.affectedServices} affected services`).default([]),
  // "Other systems affected": anything not in the registry (free text; may be blank).
  servicesAffected: z.string().trim().max(CR_LIMITS.shortText, `Other systems affected is too long (at most ${CR_LIMITS.shortText} characters)`).default(""),
  usersAffected: text("Users affected", CR_LIMITS.shortText),
  downtimeRequired: z.boolean(),
  rollbackPlan: text("Rollback plan", CR_LIMITS.longText),
  implementationSteps: z
    .array(z.object({ text: text("Step", CR_LIMITS.step), minutes: stepMinutes }))
    .min(1, "Add at least one implementation step")
    .max(CR_LIMITS.steps, `At most ${CR_LIMITS.steps} implementation steps`),
  testedInDev: z.boolean(),
  testedInStaging: z.boolean(),
  loadTested2x: z.boolean(),
  verifiedMetrics: z.boolean(),
  rollbackProcedure: text("Rollback procedure", CR_LIMITS.longText),
  monitoringPlan: z.string().trim().max(CR_LIMITS.longText, `Monitoring plan is too long (at most ${CR_LIMITS.longText} characters)`).default(""),
  windowStart: z
    .string({ error: "Planned start is required" })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Planned start must be a date and time"),
  windowDurationMin: z
    .number({ error: "Duration must be a number of minutes" })
    .int("Duration must be whole minutes")
    .min(5, "Duration must be at least 5 minutes")
    .max(24 * 60, "Duration must be at most 24 hours"),
  windowTimeZone: z.string().refine(isValidTimeZone, "Unknown time zone"),
  onCallUserId: z.string().trim().min(1, "Choose the on-call engineer"),
  serviceId: z.string().trim().min(1, "Choose the service to deploy"),
  // The shape only; which of the two the service takes is decided by its kind (targetVersionIssue
  // here for the form, pinTarget on the server, which reads the service).
  targetVersion: z
    .string()
    .trim()
    .regex(
      /^(\d{1,10}|[A-Za-z0-9_-]{1,255}:[1-9]\d{0,9})$/,
      "Version must be a published version number (e.g. 42; $LATEST can change after approval, so publish a version first) or, for an ECS service, a task definition revision (family:revision)",
    ),
  strategy: z.enum(CR_STRATEGIES, { error: "Choose a deployment strategy" }),
  // A question may stay unanswered in a draft; submitting needs every answer (changeRequestSchema).
  riskAnswers: riskAnswersDraftSchema.default({}),
  riskJustification: z.string().trim().max(CR_LIMITS.longText, `Justification is too long (at most ${CR_LIMITS.longText} characters)`).default(""),
  // The deployment this change fixes (a hotfix): "" for none. Which deployments qualify is checked
  // on the server (hotfix-link.ts), which reads them.
  hotfixForDeploymentId: z.string().trim().max(100, "Unknown deployment").default(""),
});
export type ChangeRequestFields = z.infer<typeof changeRequestFields>;

/**
 * Cross-field rules need the current time and the policy's risk weights; the server passes its clock
 * and the policy in force, the form the browser's clock and the policy the page was rendered with.
 */
export function changeRequestSchema(
  now: () => Date = () => new Date(),
  policy: Pick<Policy, "riskAssessment"> = DEFAULT_POLICY,
  kindOf: (serviceId: string) => ServiceKindName | undefined = () => undefined,
  /** false for the CI API, which predates the description, monitoring plan and step timings and stays as it was. */
  opts: { complete?: boolean } = {},
) {
  return changeRequestFields.superRefine((v, ctx) => {
    if (opts.complete !== false) for (const issue of completenessIssues(v)) ctx.addIssue({ code: "custom", ...issue });
    for (const issue of deployTargetIssues(kindOf(v.serviceId), v)) ctx.addIssue({ code: "custom", ...issue });
    const justification = riskJustificationError({ chosen: v.risk, suggested: suggestRisk(v.riskAnswers, policy).level, justification: v.riskJustification });
    if (justification) ctx.addIssue({ code: "custom", path: ["riskJustification"], message: justification });
    const start = localToInstant(v.windowStart, v.windowTimeZone);
    if (!start) {
      ctx.addIssue({
        code: "custom",
        path: ["windowStart"],
        message: "That time does not exist in the chosen time zone (daylight-saving change)",
      });
    } else if (start.getTime() < now().getTime()) {
      ctx.addIssue({ code: "custom", path: ["windowStart"], message: "The deployment window cannot start in the past" });
    }
  });
}

export type ServiceKindName = "LAMBDA" | "ECS";

/**
 * What submitting needs beyond the field shapes: a description, a monitoring plan, every step's
 * minutes and every risk question answered (a draft may leave these open). The unanswered
 * questions are named together first, so the server's one-line refusal lists them all.
 */
export function completenessIssues(v: Pick<ChangeRequestFields, "description" | "monitoringPlan" | "implementationSteps" | "riskAnswers">): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const open = unansweredQuestions(v.riskAnswers);
  if (open.length > 0) {
    out.push({ path: ["riskAnswers"], message: `Answer every risk question before submitting (${open.length} open: ${open.map((q) => q.label).join(", ")})` });
    for (const q of open) out.push({ path: ["riskAnswers", q.id], message: `Answer “${q.label}”` });
  }
  if (!v.description) out.push({ path: ["description"], message: "Description is required: say what changes and why" });
  v.implementationSteps.forEach((s, i) => {
    if (s.minutes === null) out.push({ path: ["implementationSteps", i, "minutes"], message: `Say how many minutes step ${i + 1} takes` });
  });
  if (!v.monitoringPlan) out.push({ path: ["monitoringPlan"], message: "Monitoring plan is required: say what you watch after deploying, and for how long" });
  return out;
}

/** The implementation plan's planned minutes (steps without minutes count as 0) and how many steps lack them. */
export function planMinutes(steps: readonly { minutes?: number | null }[]): { total: number; missing: number } {
  let total = 0;
  let missing = 0;
  for (const s of steps) {
    if (typeof s.minutes === "number" && Number.isFinite(s.minutes)) total += s.minutes;
    else missing++;
  }
  return { total, missing };
}

/**
 * What a service of this kind takes: a Lambda alias a published version number and an alias
 * strategy; an ECS service a task definition revision (family:revision) and ROLLING. An unknown
 * kind (the server before it has read the service) checks nothing: pinTarget decides there.
 */
export function deployTargetIssues(kind: ServiceKindName | undefined, v: { targetVersion: string; strategy: string }): { path: string[]; message: string }[] {
  const out: { path: string[]; message: string }[] = [];
  if (kind === "ECS") {
    if (!/^[A-Za-z0-9_-]{1,255}:[1-9]\d{0,9}$/.test(v.targetVersion)) out.push({ path: ["targetVersion"], message: "Choose a task definition revision (family:revision)" });
    if (v.strategy !== ECS_STRATEGY) out.push({ path: ["strategy"], message: "An ECS service deploys by rolling update" });
  } else if (kind === "LAMBDA") {
    if (!/^\d{1,10}$/.test(v.targetVersion)) out.push({ path: ["targetVersion"], message: "Version must be a published version number (e.g. 42)" });
    if (v.strategy === ECS_STRATEGY) out.push({ path: ["strategy"], message: "Rolling update is for ECS services; choose a traffic-shifting strategy" });
  }
  return out;
}

/**
 * Saving a draft: the same limits, but a draft may be half-written. Only a summary and a service are
 * needed (the service decides where it will deploy); blanks are allowed and the window may still
 * be in the past. Submitting later checks the full schema.
 */
const optionalText = (max: number) => z.string().trim().max(max, `Too long (at most ${max} characters)`);
export const draftSchema = changeRequestFields.extend({
  usersAffected: optionalText(CR_LIMITS.shortText),
  rollbackPlan: optionalText(CR_LIMITS.longText),
  rollbackProcedure: optionalText(CR_LIMITS.longText),
  implementationSteps: z
    .array(z.object({ text: optionalText(CR_LIMITS.step), minutes: stepMinutes }))
    .max(CR_LIMITS.steps, `At most ${CR_LIMITS.steps} implementation steps`)
    .transform((steps) => steps.filter((s) => s.text.length > 0)),
  targetVersion: z.string().trim().max(300, "Version is too long"),
  onCallUserId: z.string().trim(),
});

/** Empty form values: what "New change request" starts from. */
export function emptyChangeRequest(defaults: { timeZone: string; windowStart: string }): ChangeRequestFields {
  return {
    summary: "",
    type: "FEATURE",
    risk: "MEDIUM",
    description: "",
    affectedServiceIds: [],
    servicesAffected: "",
    usersAffected: "",
    downtimeRequired: false,
    rollbackPlan: "",
    implementationSteps: [{ text: "", minutes: null }],
    testedInDev: false,
    testedInStaging: false,
    loadTested2x: false,
    verifiedMetrics: false,
    rollbackProcedure: "",
    monitoringPlan: "",
    windowStart: defaults.windowStart,
    windowDurationMin: 30,
    windowTimeZone: defaults.timeZone,
    onCallUserId: "",
    serviceId: "",
    targetVersion: "",
    strategy: "Canary10Percent5Minutes",
    // Unanswered: the requester must choose each answer (submit refuses until they have).
    riskAnswers: {},
    riskJustification: "",
    hotfixForDeploymentId: "",
  };
}
