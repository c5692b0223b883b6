// The sandbox control API's request schemas and response shapes, shared by the server
// (control-api.ts) and the typed client (control-client.ts). No Node imports: the client may be
// bundled anywhere.
import { z } from "zod";
import { CONTROL_FAULT_KINDS, SSM_PARAMETER_TYPES, SSM_TIERS, type ControlFaultKind } from "./types";

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
    /** SSM operations: only calls naming this parameter (GetParametersByPath: this path). */
    parameterName: z.string().optional(),
  })
  .strict();
export type ControlFaultInput = z.input<typeof controlFaultSchema>;

/** A hand edit of an SSM parameter, like someone saving it in the AWS console: always overwrites, bumps the version. */
export const putParameterSchema = z
  .object({
    name: z.string().min(1),
    value: z.string(),
    /** Required when the parameter is new; kept otherwise. */
    type: z.enum(SSM_PARAMETER_TYPES).optional(),
    description: z.string().optional(),
    tier: z.enum(SSM_TIERS).optional(),
    /** Who made the edit (an IAM user name or ARN), shown as LastModifiedUser. */
    user: z.string().regex(/^(arn:[\w+=,.@:/-]+|[\w+=,.@-]{1,64})$/, "user is an IAM user name or ARN").default("console-operator"),
  })
  .strict();
export type PutParameterControlInput = z.input<typeof putParameterSchema>;

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
  parameterName?: string;
}

export interface SandboxParameterView {
  name: string;
  value: string;
  version: number;
  type: "String" | "StringList" | "SecureString";
  tier: "Standard" | "Advanced";
  description: string;
  /** Real time, ISO. */
  lastModified: string;
  lastModifiedUser: string;
  /** How many versions GetParameterHistory would return. */
  versionCount: number;
}

export interface SandboxParameterVersionView {
  version: number;
  value: string;
  description: string;
  lastModified: string;
  lastModifiedUser: string;
}

/** One entry of the SSM write journal (not persisted across restarts). */
export interface SandboxParameterWriteView {
  seq: number;
  /** Simulated time, ISO. */
  at: string;
  name: string;
  version: number;
  value: string;
  user: string;
  via: "api" | "control";
}

export interface SandboxStateView {
  clock: SandboxClockView;
  functions: SandboxFunctionView[];
  faults: SandboxFaultView[];
  controlFaults: SandboxControlFaultView[];
  parameters: SandboxParameterView[];
}

export interface SandboxCallView {
  at: string;
  simAt: string;
  service: "lambda" | "cloudwatch" | "ssm" | "ecs";
  operation: string;
  functionName?: string;
  parameterName?: string;
  status: number;
  errorType?: string;
}
