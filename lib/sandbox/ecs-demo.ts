// The ECS services `--demo` seeds: cluster `demo` with `orders-api` as the seed's rolling-update
// example (10 tasks, 150/100, circuit breaker with rollback, 60 s grace) one revision behind its
// newest, and a smaller `inventory-api`. An hour of target history, so the ALB charts have data.
import { provisionEcsService } from "./ecs-control";
import { ecsState } from "./ecs-types";
import type { SandboxStore } from "./store";

export const DEMO_ECS_SERVICES = [
  { cluster: "demo", service: "orders-api", revisions: 3, taskDefinition: "orders-api:2", desiredCount: 10, maximumPercent: 150, minimumHealthyPercent: 100, requestRate: 40, medianLatencyMs: 35 },
  { cluster: "demo", service: "inventory-api", revisions: 2, taskDefinition: "inventory-api:1", desiredCount: 4, maximumPercent: 200, minimumHealthyPercent: 100, requestRate: 12, medianLatencyMs: 60 },
] as const;

export function seedEcsDemo(store: SandboxStore, since: number): void {
  store.change(() => {
    for (const s of DEMO_ECS_SERVICES) {
      if (ecsState(store.state).clusters[s.cluster]?.services[s.service]) continue;
      provisionEcsService(store, { ...s, circuitBreaker: { enable: true, rollback: true }, healthCheckGracePeriodSeconds: 60 }, since);
    }
  });
}
