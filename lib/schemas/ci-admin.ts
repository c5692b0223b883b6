// Admin forms for CI tokens and freeze windows.
import { z } from "zod";
import { isValidTimeZone } from "@/lib/domain/local-time";
import { DEFAULT_TOKEN_EXPIRY, TOKEN_EXPIRY_CHOICES } from "@/lib/domain/token-expiry";

export const createTokenSchema = z.object({
  name: z.string().trim().min(3, "Name needs at least 3 characters").max(80, "Name is too long (at most 80 characters)"),
  serviceIds: z.array(z.string().min(1)).min(1, "Scope the token to at least one service"),
  expiresInDays: z.enum(TOKEN_EXPIRY_CHOICES, { error: "Choose when the token expires: 30, 90 or 365 days, or never" }).default(DEFAULT_TOKEN_EXPIRY),
});

const localDateTime = (label: string) =>
  z.string({ error: `${label} is required` }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `${label} must be a date and time`);

export const freezeWindowSchema = z.object({
  name: z.string().trim().min(3, "Name needs at least 3 characters").max(120, "Name is too long (at most 120 characters)"),
  reason: z.string().trim().max(1000, "Reason is too long (at most 1000 characters)").default(""),
  startsAt: localDateTime("Start"),
  endsAt: localDateTime("End"),
  timeZone: z.string().refine(isValidTimeZone, "Unknown time zone"),
});
