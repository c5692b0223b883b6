// Schemas for incidents and the emergency path, shared by the forms and the services.
import { z } from "zod";
import { GATE_KINDS, RISK_LEVELS } from "@/lib/domain/vocabulary";

const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(min, min === 1 ? `${label} is required` : `${label} needs at least ${min} characters`)
    .max(max, `${label} is too long (at most ${max} characters)`);

export const declareIncidentSchema = z.object({
  severity: z.enum(["SEV1", "SEV2"], { error: "Choose SEV-1 or SEV-2" }),
  title: text("Title", 200, 5),
  description: text("Description", 4000),
});

/** The short form an engineer fills in mid-incident; the rest of the CR is derived from it. */
export const emergencyChangeSchema = z.object({
  incidentId: z.string().trim().min(1, "Choose the incident this change fixes"),
  summary: text("Summary", 200, 5),
  serviceId: z.string().trim().min(1, "Choose the service to deploy"),
  targetVersion: z
    .string()
    .trim()
    .regex(/^(\d{1,10}|[A-Za-z0-9_-]{1,255}:\d{1,10})$/, "Version must be a published version number (e.g. 42) or, for an ECS service, a task definition revision (orders-api:7); $LATEST can change after approval, so publish a version first"),
  risk: z.enum(RISK_LEVELS, { error: "Choose a risk level" }),
  rollbackPlan: text("Rollback plan", 4000),
  // The deployment that caused the incident, when known: the change fixes it (a hotfix).
  hotfixForDeploymentId: z.string().trim().max(100, "Unknown deployment").optional().default(""),
});

export const verbalApprovalSchema = z.object({
  crId: z.string().min(1),
  approverSaid: text("What the manager said", 2000),
  approvedAt: z
    .string({ error: "When the approval was given is required" })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, "When the approval was given must be a date and time"),
});

export const retrospectiveVoteSchema = z
  .object({
    crId: z.string().min(1),
    decision: z.enum(["APPROVE", "REJECT"], { error: "Choose approve or reject" }),
    comment: z.string().trim().max(2000, "Comment is too long (at most 2000 characters)").optional().default(""),
    meetingId: z.string().optional().transform((v) => v || undefined),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "REJECT" && !v.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: "Say why you reject this change" });
  });

const evidenceUrl = z
  .string({ error: "Evidence link is required" })
  .trim()
  .url("Evidence link must be a URL (https://…)")
  .refine((u) => /^https?:\/\//i.test(u), "Evidence link must start with http:// or https://")
  .max(2000, "Evidence link is too long");

const optionalNumber = z.preprocess(
  (v) => (v === "" || v === undefined ? null : typeof v === "string" ? Number(v) : v),
  z.number({ error: "Value must be a number" }).nullable(),
);

/** A gate result as CI reports it or a person enters it; the range rule per gate is gateValueError. */
export const gateResultSchema = z.object({
  gate: z.enum(GATE_KINDS, { error: `Unknown gate; use one of ${GATE_KINDS.join(", ")}` }),
  version: z.string({ error: "Version is required" }).trim().min(1, "Version is required").max(20, "Version is too long"),
  passed: z.boolean({ error: "passed must be true or false" }),
  value: optionalNumber.optional().default(null),
  evidenceUrl: evidenceUrl.optional(),
  commitSha: z.string().trim().regex(/^[0-9a-f]{7,40}$/i, "commitSha must be a git commit hash").optional(),
  commitTime: z.coerce.date({ error: "commitTime must be an ISO date-time" }).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type GateResultInput = z.infer<typeof gateResultSchema>;

/** A person's entry must carry evidence; CI's may. */
export const manualGateResultSchema = gateResultSchema.extend({ evidenceUrl });
