// Requests of the flag pages and API: register a flag, propose a change, turn it off.
import { z } from "zod";
import { FLAG_NAME } from "@/lib/domain/flag-config";
import { RISK_LEVELS } from "@/lib/domain/vocabulary";

export const registerFlagSchema = z.object({
  serviceId: z.string().trim().min(1, "Choose the service whose code reads the flag"),
  environment: z.enum(["production", "staging"], { error: "Choose production or staging" }).default("production"),
  name: z.string().trim().regex(FLAG_NAME, "A flag name is 1–128 letters, digits, '.', '-' or '_' (it becomes the SSM parameter /features/<name>)"),
  description: z.string().trim().min(3, "Describe what the flag turns on").max(500, "The description is too long (at most 500 characters)"),
  risk: z.enum(RISK_LEVELS, { error: "Choose the risk of changing this flag" }),
  stickiness: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "The stickiness key is a context field name such as userId").default("userId"),
});

export const proposeFlagSchema = z.object({
  flagId: z.string().trim().min(1, "Choose a flag"),
  summary: z.string().trim().max(200, "The summary is too long (at most 200 characters)").optional(),
  justification: z.string().trim().min(3, "Say why the flag should change").max(2000, "The justification is too long (at most 2000 characters)"),
  // The target itself is parsed with the policy's rule for percentages (flagTargetSchema).
  target: z.unknown(),
});

export const killFlagSchema = z.object({
  flagId: z.string().trim().min(1, "Choose a flag"),
  reason: z.string({ error: "Say why you turn the flag off" }).trim().min(1, "Say why you turn the flag off").max(2000, "The reason is too long (at most 2000 characters)"),
});
