import type { AlarmsGateway, EcsGateway, LambdaGateway, MetricsGateway, SsmGateway } from "@/lib/aws";
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
}

/** What a tick asks of the queue: stop, run again when the clock shows `at`, or after a real delay. */
export type TickResult = { done: true } | { done: false; at: Date } | { done: false; afterMs: number };

export const DONE: TickResult = { done: true };
export const again = (at: Date): TickResult => ({ done: false, at });
export const retryIn = (afterMs: number): TickResult => ({ done: false, afterMs });
