import { z } from "zod";
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

export const updateUserSchema = z.object({
  id: z.string().min(1),
  name,
  roles,
  disabled: z.boolean(),
  teamId: z.string().optional().transform((v) => v || undefined),
});

const awsName = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(140, `${label} is too long`)
    .regex(/^[A-Za-z0-9-_]+$/, `${label} may contain only letters, digits, - and _`);

export const serviceSchema = z.object({
  id: z.string().optional().transform((v) => v || undefined),
  name: z.string().trim().min(2, "Name needs at least 2 characters").max(80, "Name is too long").regex(/^[a-z0-9][a-z0-9-]*$/, "Use lowercase letters, digits and dashes"),
  team: z.string().trim().min(1, "Owner team is required").max(80),
  awsRegion: z.string().trim().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "Region looks like us-east-1"),
  functionName: awsName("Lambda function name"),
  alias: awsName("Alias"),
  onCallUserId: z.string().optional().transform((v) => v || undefined),
});

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
