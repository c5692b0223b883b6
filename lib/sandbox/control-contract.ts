// The sandbox control API's request schemas and response shapes, shared by the server
// (control-api.ts) and the typed client (control-client.ts). No Node imports: the client may be
// bundled anywhere.
import { z } from "zod";
import { CONTROL_FAULT_KINDS, type ControlFaultKind } from "./types";

const fraction = (label: string) => z.number().min(0, `${label} must be between 0 and 1`).max(1, `${label} must be between 0 and 1`);
const name = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Names are 1–64 letters, digits, - or _");

export const behaviorFields = {
  medianLatencyMs: z.number().positive().max(900_000).optional(),
  errorRate: fraction("errorRate").optional(),
};

export const createFunctionSchema = z
  .object({
    name,
    description: z.string().max(256).optional(),
    /** How many versions to publish right away (1..N). */
    versions: z.number().int().min(0).max(50).default(3),
    /** Alias to create (null: none), pointing at aliasVersion or the newest version. */
    alias: name.nullable().default("production"),
    aliasVersion: z.string().optional(),
    /** Requests per simulated second through the alias. */
    requestRate: z.number().min(0).max(100_000).default(10),
    /** Also create <name>-pre-traffic and <name>-post-traffic hook functions. */
    hooks: z.boolean().default(true),
    ...behaviorFields,
  })
  .strict();
export type CreateFunctionInput = z.input<typeof createFunctionSchema>;

export const newVersionSchema = z
  .object({
    description: z.string().max(256).optional(),
    /** false: only change $LATEST, so the portal's PublishVersion creates the version. */
    publish: z.boolean().default(true),
    ...behaviorFields,
  })
  .strict();
export type NewVersionInput = z.input<typeof newVersionSchema>;

export const putAliasSchema = z
  .object({
    functionVersion: z.string().optional(),
    weights: z.record(z.string(), z.number()).optional(),
    requestRate: z.number().min(0).max(100_000).optional(),
    description: z.string().max(256).optional(),
  })
  .strict();
export type PutAliasInput = z.input<typeof putAliasSchema>;

export const faultSchema = z
  .object({
    errorRate: fraction("errorRate").optional(),
    addedLatencyMs: z.number().min(0).max(900_000).optional(),
    throttleRate: fraction("throttleRate").optional(),
    hookFailure: z.enum(["PRE_TRAFFIC", "POST_TRAFFIC", "BOTH"]).optional(),
  })
  .strict()
  .refine((f) => Object.values(f).some((v) => v !== undefined), "Give at least one fault");
export type FaultInput = z.input<typeof faultSchema>;

export const controlFaultSchema = z
  .object({
    operation: z.string().min(1).default("UpdateAlias"),
    kind: z.enum(CONTROL_FAULT_KINDS),
    count: z.number().int().min(1).max(1000),
    functionName: z.string().optional(),
  })
  .strict();
export type ControlFaultInput = z.input<typeof controlFaultSchema>;

export const clockSchema = z
  .object({
    scale: z.number().min(0).max(3600).optional(),
    advanceSeconds: z.number().min(0).max(30 * 24 * 3600).optional(),
  })
  .strict();
export type ClockInput = z.input<typeof clockSchema>;

export const resetSchema = z.object({ seedDemo: z.boolean().default(false) }).strict();

export interface SandboxClockView {
  /** Simulated time, ISO. */
  now: string;
  nowMs: number;
  /** Simulated seconds per real second; 0 = frozen. */
  scale: number;
}

export interface SandboxVersionView {
  version: string;
  description: string;
  lastModified: string;
  codeSha256: string;
  medianLatencyMs: number;
  errorRate: number;
}

export interface SandboxAliasView {
  name: string;
  functionVersion: string;
  weights: Record<string, number>;
  revisionId: string;
  requestRate: number;
  description: string;
}

export interface SandboxFunctionView {
  name: string;
  description: string;
  hookFor: { functionName: string; phase: "PRE_TRAFFIC" | "POST_TRAFFIC" } | null;
  /** True when $LATEST holds code no published version has (PublishVersion would create one). */
  unpublishedChanges: boolean;
  versions: SandboxVersionView[];
  aliases: SandboxAliasView[];
}

export interface SandboxFaultView {
  functionName: string;
  version: string;
  errorRate?: number;
  addedLatencyMs?: number;
  throttleRate?: number;
  hookFailure?: "PRE_TRAFFIC" | "POST_TRAFFIC" | "BOTH";
  /** Simulated time it took effect. */
  since: string;
}

export interface SandboxControlFaultView {
  id: string;
  operation: string;
  kind: ControlFaultKind;
  remaining: number;
  functionName?: string;
}

export interface SandboxStateView {
  clock: SandboxClockView;
  functions: SandboxFunctionView[];
  faults: SandboxFaultView[];
  controlFaults: SandboxControlFaultView[];
}

export interface SandboxCallView {
  at: string;
  simAt: string;
  service: "lambda" | "cloudwatch";
  operation: string;
  functionName?: string;
  status: number;
  errorType?: string;
}
