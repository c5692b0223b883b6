import type { AlarmsGateway, EcsGateway, LambdaGateway, MetricsGateway, SsmGateway } from "@/lib/aws";
import type { DeploymentOutcome } from "@/generated/prisma/client";
import type { FlagConfig } from "@/lib/domain/flag-config";
import type { DeployClock } from "./clock";

export interface DeployDeps {
  lambda: LambdaGateway;
  metrics: MetricsGateway;
  /** For flag rollouts (a worker without it drives code deploys only). */
  ssm?: SsmGateway;
  /** For ECS rolling deployments. */
  ecs?: EcsGateway;
  /** CloudWatch alarms listed on services. A service that lists alarms cannot deploy on a worker without it (the gate cannot be read). */
  alarms?: AlarmsGateway;
  clock: DeployClock;
  /** The writes beyond the deployment's own rows (lib/server/deployment-outcomes.ts). */
  outcomes: DeploymentOutcomes;
  /**
   * Record times (timeline events, when an issue was detected, the finish) on `clock` instead of
   * the wall clock. The demo seed sets it: it replays weeks of history on a sandbox clock started in
   * the past. Off elsewhere, so a sandbox running faster than real time leaves the record in real time.
   */
  recordOnClock?: boolean;
}

/**
 * What the orchestrator asks the services to record. Each moves more than the deployment (its change
 * request, the audit trail, notifications, a flag's history) in one transaction, so it belongs to the
 * services; the orchestrator depends on this interface only and never imports lib/server.
 */
export interface DeploymentOutcomes {
  /** Ends the deployment (a second call finds it ended and returns false). */
  finishDeployment(id: string, outcome: DeploymentOutcome, fields: FinishFields): Promise<boolean>;
  /** Settles a manual rollback whose alias write is known (at `at`, default now). */
  finishManualRollback(id: string, outcome: RollbackOutcome, at?: Date): Promise<unknown>;
  /** Changegate wrote a flag's parameter. */
  recordFlagWrite(w: FlagWrite): Promise<void>;
  /** A flag's parameter holds something Changegate did not write (recorded once per version seen). */
  recordFlagDrift(flagId: string, found: { version: number | null; describe: string }, deploymentId?: string | null): Promise<void>;
}

export interface FinishFields {
  reason?: string | null;
  currentWeight?: number;
  message: string;
  rollbackKind?: "AUTOMATIC" | "MANUAL";
  /** Stopped because the target was changed outside Changegate (told as drift, not as a failure). */
  drift?: boolean;
  /** When it ended (default: now on the wall clock; see DeployDeps.recordOnClock). */
  at?: Date;
}

export type RollbackOutcome = { ok: true; revisionId: string; by: string } | { ok: false; reason: string; by: string };

export interface FlagWrite {
  flagId: string;
  config: FlagConfig;
  version: number;
  kind: "PUBLISHED" | "ROLLOUT_STEP" | "ROLLED_BACK" | "KILLED";
  /** Who wrote it (default: the orchestrator). */
  actor?: { id: string | null; label: string };
  reason?: string | null;
  crId?: string | null;
  deploymentId?: string | null;
}

/** What a tick asks of the queue: stop, run again when the clock shows `at`, or after a real delay. */
export type TickResult = { done: true } | { done: false; at: Date } | { done: false; afterMs: number };

export const DONE: TickResult = { done: true };
export const again = (at: Date): TickResult => ({ done: false, at });
export const retryIn = (afterMs: number): TickResult => ({ done: false, afterMs });
