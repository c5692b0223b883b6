// The deployment configuration Changegate applies to an ECS service (stored in Service.ecsConfig),
// its defaults from the seed, and how a stored value is read back. Pure: the registry form, the CR
// form, the live page and the orchestrator read the same shape.
import { checkRolloutConfig, type ConfigProblem } from "./ecs-rollout";

export interface EcsServiceConfig {
  maximumPercent: number;
  minimumHealthyPercent: number;
  circuitBreaker: { enable: boolean; rollback: boolean };
  healthCheckGracePeriodSeconds: number;
}

/** The seed's rolling update: 150 % / 100 %, circuit breaker with rollback, 60 s grace period. */
export const DEFAULT_ECS_CONFIG: EcsServiceConfig = {
  maximumPercent: 150,
  minimumHealthyPercent: 100,
  circuitBreaker: { enable: true, rollback: true },
  healthCheckGracePeriodSeconds: 60,
};

const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
const bool = (v: unknown, fallback: boolean) => (typeof v === "boolean" ? v : fallback);

/** A stored ecsConfig (Json, possibly partial or null) with the defaults filled in. */
export function readEcsConfig(json: unknown): EcsServiceConfig {
  const o = json && typeof json === "object" ? (json as Record<string, unknown>) : {};
  const cb = o.circuitBreaker && typeof o.circuitBreaker === "object" ? (o.circuitBreaker as Record<string, unknown>) : {};
  const d = DEFAULT_ECS_CONFIG;
  return {
    maximumPercent: num(o.maximumPercent, d.maximumPercent),
    minimumHealthyPercent: num(o.minimumHealthyPercent, d.minimumHealthyPercent),
    circuitBreaker: { enable: bool(cb.enable, d.circuitBreaker.enable), rollback: bool(cb.rollback, d.circuitBreaker.rollback) },
    healthCheckGracePeriodSeconds: num(o.healthCheckGracePeriodSeconds, d.healthCheckGracePeriodSeconds),
  };
}

/**
 * The configuration's problems at a desired count, keyed by the registry form's field. A problem
 * with the desired count itself is the ECS service's, so it lands on the service name.
 */
export function ecsConfigFieldErrors(config: Pick<EcsServiceConfig, "maximumPercent" | "minimumHealthyPercent">, desiredCount: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of checkRolloutConfig({ desiredCount, ...config })) {
    const field = p.field === "desiredCount" ? "ecsService" : p.field;
    out[field] ??= describeProblem(p);
  }
  return out;
}

function describeProblem(p: ConfigProblem): string {
  return p.kind === "stuck" ? `${p.message} (ECS would accept it but the deployment could never move.)` : p.message;
}

/** "family:revision" → its parts; null when it is not of that shape. */
export function parseFamilyRevision(ref: string): { family: string; revision: number } | null {
  const m = /^([A-Za-z0-9_-]{1,255}):([1-9]\d{0,9})$/.exec(ref.trim());
  return m ? { family: m[1]!, revision: Number(m[2]) } : null;
}
