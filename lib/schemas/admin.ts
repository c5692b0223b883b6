import { z } from "zod";
import { parseAlarmNames } from "@/lib/domain/alarm-gate";
import { ROLES } from "@/lib/domain/vocabulary";

const name = z.string().trim().min(1, "Name is required").max(120, "Name is too long (at most 120 characters)");
const roles = z.array(z.enum(ROLES, { error: "Unknown role" })).min(1, "Give the user at least one role");

export const createUserSchema = z.object({
  name,
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(200),
  password: z.string().min(10, "Password needs at least 10 characters").max(200, "Password is too long"),
  roles,
  teamId: z.string().optional().transform((v) => v || undefined),
});

/** A form field that may be left out (unchanged), blanked (cleared: null) or set (checked by `format`). */
const clearable = (format: RegExp, message: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || format.test(v), message)
    .transform((v) => (v === undefined ? undefined : v || null));

// Slack member ids start with U (or W on Enterprise Grid); a channel is its id (C…, G…) or #name.
export const slackUserIdField = clearable(/^[UW][A-Z0-9]{2,20}$/, "A Slack member id looks like U01ABCDEF (Profile → ⋮ → Copy member ID)");
export const slackChannelField = clearable(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{6,20})$/, "A Slack channel is #name (lowercase) or its id (C01ABCDEF)");

export const updateUserSchema = z.object({
  id: z.string().min(1),
  name,
  roles,
  disabled: z.boolean(),
  teamId: z.string().optional().transform((v) => v || undefined),
  slackUserId: slackUserIdField,
});

const awsName = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(140, `${label} is too long`)
    .regex(/^[A-Za-z0-9-_]+$/, `${label} may contain only letters, digits, - and _`);

/**
 * CloudWatch alarms gating the service's deployments: the form's textarea (one name per line) or a
 * list (API, template import). Left out: unchanged; blank: none.
 */
const alarmNamesField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const r = parseAlarmNames(Array.isArray(v) ? v.join("\n") : v);
    if ("error" in r) {
      ctx.addIssue({ code: "custom", message: r.error });
      return z.NEVER;
    }
    return r.names;
  });

const serviceBase = {
  id: z.string().optional().transform((v) => v || undefined),
  name: z.string().trim().min(2, "Name needs at least 2 characters").max(80, "Name is too long").regex(/^[a-z0-9][a-z0-9-]*$/, "Use lowercase letters, digits and dashes"),
  team: z.string().trim().min(1, "Owner team is required").max(80),
  awsRegion: z.string().trim().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "Region looks like us-east-1"),
  onCallUserId: z.string().optional().transform((v) => v || undefined),
  // Where its deploy notifications go in Slack (else its team's channel); left out: unchanged.
  slackChannel: slackChannelField,
  teamSlackChannel: slackChannelField,
  alarmNames: alarmNamesField,
};

const lambdaServiceSchema = z.object({
  ...serviceBase,
  kind: z.literal("LAMBDA"),
  functionName: awsName("Lambda function name"),
  alias: awsName("Alias"),
});

/** Form fields arrive as strings; blanks are "not given", not 0. */
const wholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v)) : v),
    z
      .number({ error: `${label} must be a number` })
      .int(`${label} must be a whole number`)
      .min(min, `${label} must be at least ${min}`)
      .max(max, `${label} must be at most ${max}`),
  );
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

// ECS limits: maximumPercent up to 200 % of the desired count in practice (ECS allows more, but a
// rolling update never needs it), minimumHealthyPercent 0–100, grace period up to 2 days here.
const ecsServiceSchema = z
  .object({
    ...serviceBase,
    kind: z.literal("ECS"),
    cluster: awsName("Cluster"),
    ecsService: awsName("ECS service name"),
    // Blank: the one the ECS service's load balancer uses (read at registration).
    targetGroup: z
      .string()
      .trim()
      .regex(/^(targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{1,32})?$/, "Target group looks like targetgroup/<name>/<id> (the end of its ARN)")
      .optional()
      .transform((v) => v || undefined),
    maximumPercent: wholeNumber("Maximum percent", 100, 400),
    minimumHealthyPercent: wholeNumber("Minimum healthy percent", 0, 100),
    circuitBreakerEnable: checkbox,
    circuitBreakerRollback: checkbox,
    healthCheckGracePeriodSeconds: wholeNumber("Grace period", 0, 172_800),
  })
  .superRefine((v, ctx) => {
    if (v.circuitBreakerRollback && !v.circuitBreakerEnable) {
      ctx.addIssue({ code: "custom", path: ["circuitBreakerRollback"], message: "Rollback needs the circuit breaker enabled" });
    }
  });

/** A registry entry: a Lambda alias (the default, for callers that predate ECS) or an ECS service. */
export const serviceSchema = z.preprocess(
  (v) => (v && typeof v === "object" && !("kind" in v && (v as { kind?: unknown }).kind) ? { ...v, kind: "LAMBDA" } : v),
  z.discriminatedUnion("kind", [lambdaServiceSchema, ecsServiceSchema], { error: "Choose Lambda or ECS" }),
);
export type ServiceInput = z.infer<typeof serviceSchema>;
export type EcsServiceInput = z.infer<typeof ecsServiceSchema>;

/** HTML forms send checkboxes as repeated fields and booleans as "on": read them into plain values. */
export function formDataToObject(form: FormData, arrays: string[] = [], booleans: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    out[key] = arrays.includes(key) ? form.getAll(key).map(String) : String(form.get(key));
  }
  for (const key of arrays) out[key] ??= [];
  for (const key of booleans) out[key] = form.get(key) === "on" || form.get(key) === "true";
  return out;
}
