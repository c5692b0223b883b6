import { z } from "zod";

/** What the review page sends: the template itself (re-read on save, never the browser's copy of the proposal). */
export const samTemplateSchema = z.object({
  template: z.string().max(500_000, "The template is too long (at most 500 000 characters)"),
  stackName: z.string().trim().max(128, "Stack name is too long").regex(/^([A-Za-z][A-Za-z0-9-]*)?$/, "A stack name starts with a letter and has letters, digits and dashes").optional(),
  awsRegion: z.string().trim().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "Region looks like us-east-1"),
});
export type SamTemplateInput = z.infer<typeof samTemplateSchema>;

/** The reviewer's choices per proposed function; name, team and on-call are checked by the registry's own schema. */
export const samImportSchema = samTemplateSchema.extend({
  services: z
    .array(z.object({ logicalId: z.string().min(1), name: z.string(), team: z.string(), onCallUserId: z.string().optional() }))
    .min(1, "Choose at least one function to register"),
});
export type SamImportInput = z.infer<typeof samImportSchema>;
