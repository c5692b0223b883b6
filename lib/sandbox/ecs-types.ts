// The sandbox's ECS state, kept under `state.ecs` in the state file (absent in files written
// before the sandbox spoke ECS: read as empty). Times are simulated epoch ms.
import type { SandboxState } from "./types";

/** How a task definition revision's tasks behave behind the load balancer without faults. */
export interface EcsBehavior {
  medianLatencyMs: number;
  /** Fraction of requests answered 5xx, 0..1. */
  errorRate: number;
}

export interface EcsTaskDefinition {
  family: string;
  revision: number;
  arn: string;
  status: "ACTIVE" | "INACTIVE";
  containerDefinitions: unknown[];
  cpu?: string;
  memory?: string;
  registeredAt: number;
  behavior: EcsBehavior;
}

/** A fault on one revision: its new tasks fail to start or fail health checks, or answer badly. */
export interface EcsTaskFault {
  startFailure?: boolean;
  healthCheckFailure?: boolean;
  /** Extra fraction of requests answered 5xx. */
  errorRate?: number;
  addedLatencyMs?: number;
}

export interface EcsFaultRecord {
  taskDefinition: string;
  fault: EcsTaskFault;
  from: number;
  to: number | null;
}

export type RolloutState = "IN_PROGRESS" | "COMPLETED" | "FAILED";

export interface EcsDeployment {
  id: string;
  status: "PRIMARY" | "ACTIVE";
  taskDefinition: string;
  desiredCount: number;
  failedTasks: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  createdAt: number;
  updatedAt: number;
  /** The "unable to stop or start tasks" event was already sent for this deployment. */
  stuckReported?: boolean;
}

/** PENDING → RUNNING (in its grace period) → HEALTHY; DRAINING until deregistered. */
export interface EcsTask {
  id: string;
  deploymentId: string;
  taskDefinition: string;
  state: "PENDING" | "RUNNING" | "HEALTHY" | "DRAINING";
  /** When the task next changes state (null: it stays). */
  nextAt: number | null;
  /** Decided when it started running: it will fail its health checks at nextAt. */
  failing?: boolean;
}

export interface EcsDeploymentConfig {
  maximumPercent: number;
  minimumHealthyPercent: number;
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
}

/** What the load balancer saw from `at` on: healthy targets per revision, unhealthy targets. */
export interface EcsTargetSnapshot {
  at: number;
  healthy: Record<string, number>;
  unhealthy: number;
}

export interface EcsService {
  name: string;
  cluster: string;
  arn: string;
  desiredCount: number;
  deploymentConfiguration: EcsDeploymentConfig;
  healthCheckGracePeriodSeconds: number;
  /** Requests per simulated second through the service's target group. */
  requestRate: number;
  loadBalancer: string;
  targetGroup: string;
  createdAt: number;
  deployments: EcsDeployment[];
  tasks: EcsTask[];
  events: { id: string; createdAt: number; message: string }[];
  lastCompleted: { deploymentId: string; taskDefinition: string } | null;
  /** The simulation has been run up to here. */
  advancedTo: number;
  targets: EcsTargetSnapshot[];
}

export interface EcsCluster {
  name: string;
  arn: string;
  services: Record<string, EcsService>;
}

export interface EcsState {
  clusters: Record<string, EcsCluster>;
  taskDefinitions: Record<string, EcsTaskDefinition[]>;
  faults: EcsFaultRecord[];
}

/** The ECS part of the state, created on first use (old state files have none). */
export function ecsState(state: SandboxState): EcsState {
  const s = state as SandboxState & { ecs?: EcsState };
  s.ecs ??= { clusters: {}, taskDefinitions: {}, faults: [] };
  return s.ecs;
}

export const ECS_ACCOUNT = "000000000000";
export const ECS_REGION = "us-east-1";
