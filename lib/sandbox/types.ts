// The sandbox's state, as kept in memory and in the optional JSON state file. Times are simulated
// epoch milliseconds (see clock.ts) unless a field says otherwise.
import type { AlarmState, ComparisonOperator, TreatMissingData } from "./alarm-eval";
import type { ClockSnapshot } from "./clock";

/** How a version behaves without faults: the baseline its metrics are generated from. */
export interface VersionBehavior {
  /** Median duration; p99 is about 2.3 × this (log-normal with σ = 0.35). */
  medianLatencyMs: number;
  /** Fraction of invocations that fail, 0..1. */
  errorRate: number;
}

export interface SandboxVersion {
  version: string;
  codeSha256: string;
  description: string;
  /** Real wall-clock ISO time, as Lambda reports LastModified. */
  lastModified: string;
  revisionId: string;
  behavior: VersionBehavior;
}

/** The alias as it was from `at` on: kept as a timeline so past minutes keep their metrics. */
export interface AliasSnapshot {
  at: number;
  functionVersion: string;
  weights: Record<string, number>;
  /** Requests per simulated second arriving through this alias. */
  requestRate: number;
}

export interface SandboxAlias {
  name: string;
  description: string;
  revisionId: string;
  history: AliasSnapshot[];
}

export interface SandboxFunction {
  name: string;
  description: string;
  runtime: string;
  handler: string;
  createdAt: string;
  /** $LATEST: what the next PublishVersion would publish. */
  latest: { codeSha256: string; description: string; lastModified: string; revisionId: string; behavior: VersionBehavior };
  versions: SandboxVersion[];
  nextVersion: number;
  aliases: Record<string, SandboxAlias>;
}

export const HOOK_PHASES = ["PRE_TRAFFIC", "POST_TRAFFIC"] as const;
export type HookPhase = (typeof HOOK_PHASES)[number];

export interface VersionFault {
  /** Extra fraction of invocations that fail, 0..1. */
  errorRate?: number;
  addedLatencyMs?: number;
  /** Fraction of requests throttled (not invoked, not counted as errors), 0..1. */
  throttleRate?: number;
  /** Hook functions fail when asked to validate this version (or, set on a hook, always). */
  hookFailure?: HookPhase | "BOTH";
}

/** A fault on one version over [from, to); to = null while it is active. */
export interface FaultRecord {
  functionName: string;
  version: string;
  fault: VersionFault;
  from: number;
  to: number | null;
}

/** SERVER_ERROR_AFTER_COMMIT applies the call and still answers 500, as AWS can on a dropped response. */
export const CONTROL_FAULT_KINDS = ["THROTTLE", "SERVER_ERROR", "SERVER_ERROR_AFTER_COMMIT"] as const;
export type ControlFaultKind = (typeof CONTROL_FAULT_KINDS)[number];

/** Fails the next `remaining` calls of an operation (optionally only for one function or SSM parameter). */
export interface ControlFault {
  id: string;
  operation: string;
  kind: ControlFaultKind;
  remaining: number;
  functionName?: string;
  parameterName?: string;
}

export const SSM_PARAMETER_TYPES = ["String", "StringList", "SecureString"] as const;
export type SsmParameterType = (typeof SSM_PARAMETER_TYPES)[number];
export const SSM_TIERS = ["Standard", "Advanced", "Intelligent-Tiering"] as const;
export type SsmTier = "Standard" | "Advanced";

/** One version of an SSM parameter, as GetParameterHistory reports it. */
export interface SsmParameterVersion {
  version: number;
  value: string;
  type: SsmParameterType;
  description: string;
  tier: SsmTier;
  /** Real epoch ms (SSM stamps wall-clock time, not the simulated clock). */
  lastModified: number;
  /** An IAM ARN: who wrote it (API: from the request's access key; control: the hand editor). */
  lastModifiedUser: string;
}

/** An SSM parameter with its retained versions, oldest first (AWS keeps the last 100). */
export interface SsmParameter {
  name: string;
  versions: SsmParameterVersion[];
}

export interface SandboxState {
  formatVersion: 1;
  seed: number;
  clock: ClockSnapshot;
  functions: Record<string, SandboxFunction>;
  faults: FaultRecord[];
  controlFaults: ControlFault[];
  /** SSM Parameter Store by name. Absent in state files written before SSM existed: read as {}. */
  parameters: Record<string, SsmParameter>;
  /** CloudWatch metric alarms by name. Absent in state files written before alarms existed: read as {}. */
  alarms: Record<string, SandboxAlarm>;
}

/** A CloudWatch metric alarm on one metric (metric-math alarms are not modelled). Times are simulated ms. */
export interface SandboxAlarm {
  name: string;
  arn: string;
  description: string;
  namespace: string;
  metricName: string;
  dimensions: { Name: string; Value: string }[];
  /** Exactly one of statistic (Sum, Average, …) and extendedStatistic (pNN). */
  statistic?: string;
  extendedStatistic?: string;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  configUpdatedAt: number;
  state: AlarmState;
  reason: string;
  stateUpdatedAt: number;
  /** The last minute boundary the alarm was evaluated at: evaluation catches up from here when read. */
  evaluatedUpTo: number;
}

/** One AWS API call as the sandbox saw it; the control API lists them for tests and the demo panel. */
export interface CallRecord {
  /** Real epoch ms. */
  at: number;
  simAt: number;
  service: "lambda" | "cloudwatch" | "ssm" | "ecs";
  operation: string;
  functionName?: string;
  parameterName?: string;
  status: number;
  errorType?: string;
}
