// Requests of the deploy UI: manual rollback (confirm by typing the alias) and the deployment controls.
import { z } from "zod";
import type { EcsProgressPoint } from "@/lib/domain/ecs-progress";

export const rollbackAliasSchema = z.object({
  serviceId: z.string().min(1, "Choose a service"),
  targetVersion: z.string().regex(/^(\d+|[A-Za-z0-9_-]{1,255}:\d+)$/, "Choose a published version (or an ECS task definition revision)"),
  confirmAlias: z.string().min(1, "Type the alias name to confirm"),
  reason: z.string({ error: "Say why you roll back" }).trim().min(1, "Say why you roll back").max(2000, "The reason is too long (at most 2000 characters)"),
  // When the problem was noticed (an instant: the form sends ISO with its offset); blank = now.
  problemSeenAt: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.date({ error: "Problem seen at must be a date and time" }).optional()),
});
export type RollbackAliasInput = z.input<typeof rollbackAliasSchema>;

export const DEPLOYMENT_CONTROLS = ["pause", "resume", "promote", "abort"] as const;
export const deploymentControlSchema = z.object({
  deploymentId: z.string().min(1),
  control: z.enum(DEPLOYMENT_CONTROLS, { error: "Unknown control" }),
});

/** What GET /api/v1/deployments/:id returns (the live deployment view polls it). */
export interface LiveDeployment {
  id: string;
  kind: string;
  state: string;
  functionName: string;
  alias: string;
  fromVersion: string;
  toVersion: string;
  strategy: string;
  steps: { weight: number; waitSeconds: number }[];
  currentStep: number;
  currentWeight: number;
  paused: boolean;
  promoteNow: boolean;
  abortRequested: boolean;
  reason: string | null;
  active: boolean;
  /** Real milliseconds until the next step (or the end of validation); null when none is scheduled. */
  nextInMs: number | null;
  scale: number;
  readings: { at: string; scope: string; invocations: number; errors: number; throttles: number; p99Ms: number | null; errorRate: number | null; breached: string | null }[];
  events: { id: string; at: string; kind: string; message: string; data: unknown }[];
  /** Each control as the production gate answers it for this person now (abort stands for the panel). */
  can: { control: boolean; promote: boolean; pause: boolean; resume: boolean };
  crId: string | null;
  /**
   * An ECS rolling deployment: ECS moves the tasks itself (no traffic plan, no pause). `steps` are the
   * ECS_PROGRESS readings whose counts changed, oldest first; `pace` says what the configuration
   * lets ECS do at once (null until the desired count is known).
   */
  ecs?: {
    cluster: string;
    service: string;
    config: { maximumPercent: number; minimumHealthyPercent: number; circuitBreaker: { enable: boolean; rollback: boolean }; healthCheckGracePeriodSeconds: number };
    pace: { maxTasks: number; minHealthy: number; atOnce: number; text: string } | null;
    steps: EcsProgressPoint[];
    /** ECS's service events from the newest reading, newest first (when the orchestrator records them). */
    ecsEvents: { at: string | null; message: string }[];
  } | null;
  /** A flag rollout: the plan's weights are shares of the target percentage. */
  flag?: { id: string; name: string; targetPercentage: number; from: string; to: string; /** What the flag holds now. */ now: string; nowPercentage: number } | null;
}

