// Requests of the deploy UI: manual rollback (confirm by typing the alias) and the deployment controls.
import { z } from "zod";

export const rollbackAliasSchema = z.object({
  serviceId: z.string().min(1, "Choose a service"),
  targetVersion: z.string().regex(/^\d+$/, "Choose a published version"),
  confirmAlias: z.string().min(1, "Type the alias name to confirm"),
  crId: z.string().min(1).optional(),
});
export type RollbackAliasInput = z.input<typeof rollbackAliasSchema>;

export const DEPLOYMENT_CONTROLS = ["pause", "resume", "promote", "abort"] as const;
export const deploymentControlSchema = z.object({
  deploymentId: z.string().min(1),
  control: z.enum(DEPLOYMENT_CONTROLS, { error: "Unknown control" }),
});
