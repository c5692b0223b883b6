// The control API's ECS routes (/_sandbox/ecs/…): create services, register revisions, inject
// task faults, change a service by hand (a change outside Changegate: recorded as via "control"),
// and read the state and the service-update journal. Request schemas live here, next to their use.
import { z } from "zod";
import { circuitBreakerThreshold } from "@/lib/domain/ecs-rollout";
import { serviceView, taskDefinitionView } from "./ecs-api";
import {
  advanceAll,
  clearTaskFaults,
  createService,
  findTaskDefinition,
  registerTaskDefinition,
  serviceUpdates,
  setTaskFault,
  updateService,
} from "./ecs-store";
import { ecsState, type EcsService } from "./ecs-types";
import { ControlError } from "./http";
import type { ControlHandler } from "./ssm-control";
import type { SandboxStore } from "./store";

type Parse = <S extends z.ZodType>(schema: S, value: unknown) => z.output<S>;

const name = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, "Names are letters, digits, - or _");
const pct = z.number().int().min(0).max(1000);
const breaker = z.object({ enable: z.boolean(), rollback: z.boolean() }).strict();
const behavior = { medianLatencyMs: z.number().positive().max(600_000).optional(), errorRate: z.number().min(0).max(1).optional() };

export const ecsTaskDefinitionSchema = z.object({ family: name, ...behavior }).strict();
export const ecsServiceSchema = z
  .object({
    cluster: name.default("default"),
    service: name,
    /** Family of the revisions to register when it has none yet; defaults to the service name. */
    family: name.optional(),
    /** Revisions to register first (when the family has fewer). */
    revisions: z.number().int().min(0).max(50).default(1),
    /** "family:rev" the service runs; default the newest revision. */
    taskDefinition: z.string().optional(),
    desiredCount: z.number().int().min(0).max(5000).default(10),
    maximumPercent: pct.default(150),
    minimumHealthyPercent: pct.default(100),
    circuitBreaker: breaker.default({ enable: true, rollback: true }),
    healthCheckGracePeriodSeconds: z.number().int().min(0).max(7200).default(60),
    requestRate: z.number().min(0).max(100_000).default(20),
    ...behavior,
  })
  .strict();
export const ecsFaultSchema = z
  .object({
    startFailure: z.boolean().optional(),
    healthCheckFailure: z.boolean().optional(),
    errorRate: z.number().min(0).max(1).optional(),
    addedLatencyMs: z.number().min(0).max(600_000).optional(),
  })
  .strict()
  .refine((f) => Object.values(f).some((v) => v !== undefined && v !== false), "Give at least one fault");
export const ecsServiceUpdateSchema = z
  .object({
    taskDefinition: z.string().optional(),
    desiredCount: z.number().int().min(0).max(5000).optional(),
    maximumPercent: pct.optional(),
    minimumHealthyPercent: pct.optional(),
    circuitBreaker: breaker.optional(),
    healthCheckGracePeriodSeconds: z.number().int().min(0).max(7200).optional(),
    forceNewDeployment: z.boolean().optional(),
    requestRate: z.number().min(0).max(100_000).optional(),
  })
  .strict();

export function ecsServiceControlView(s: EcsService) {
  const taskStates = { PENDING: 0, RUNNING: 0, HEALTHY: 0, DRAINING: 0 };
  for (const k of s.tasks) taskStates[k.state]++;
  return {
    ...serviceView(s),
    cluster: s.cluster,
    targetGroup: s.targetGroup,
    loadBalancer: s.loadBalancer,
    requestRate: s.requestRate,
    circuitBreakerThreshold: circuitBreakerThreshold(s.desiredCount),
    /** RUNNING: started, in its grace period / health checks; HEALTHY: passing and serving. */
    taskStates,
  };
}

export function ecsStateView(store: SandboxStore) {
  advanceAll(store);
  const ecs = ecsState(store.state);
  return {
    clusters: Object.values(ecs.clusters).map((c) => ({ name: c.name, arn: c.arn, services: Object.values(c.services).map(ecsServiceControlView) })),
    taskDefinitions: Object.values(ecs.taskDefinitions).flat().map((td) => ({ ...taskDefinitionView(td), ...td.behavior })),
    faults: ecs.faults.filter((r) => r.to === null).map((r) => ({ taskDefinition: r.taskDefinition, ...r.fault, since: new Date(r.from).toISOString() })),
  };
}

/** A service with its revisions registered first (what the demo and the tests want in one call). */
export function provisionEcsService(store: SandboxStore, input: z.output<typeof ecsServiceSchema>, since?: number): EcsService {
  return store.change(() => {
    const family = input.family ?? input.service;
    const have = ecsState(store.state).taskDefinitions[family]?.length ?? 0;
    const b = { ...(input.medianLatencyMs !== undefined && { medianLatencyMs: input.medianLatencyMs }), ...(input.errorRate !== undefined && { errorRate: input.errorRate }) };
    for (let i = have; i < input.revisions; i++) registerTaskDefinition(store, { family, behavior: b });
    const td = input.taskDefinition ?? findTaskDefinition(store, family)?.arn;
    if (!td) throw new ControlError(400, `Family ${family} has no revision to run: give revisions ≥ 1 or register one first.`);
    return createService(store, { ...input, taskDefinition: td, since });
  });
}

export function ecsControlRoutes(parse: Parse): [string, RegExp, ControlHandler][] {
  return [
    ["GET", /^\/ecs$/, ({ store }) => ecsStateView(store)],
    ["POST", /^\/ecs\/services$/, ({ store, body }) => ecsServiceControlView(provisionEcsService(store, parse(ecsServiceSchema, body())))],
    ["PUT", /^\/ecs\/clusters\/([^/]+)\/services\/([^/]+)$/, ({ store, params, body }) => {
      const input = parse(ecsServiceUpdateSchema, body());
      return ecsServiceControlView(updateService(store, params[0], params[1]!, input, "control"));
    }],
    ["POST", /^\/ecs\/task-definitions$/, ({ store, body }) => {
      const input = parse(ecsTaskDefinitionSchema, body());
      const b = { ...(input.medianLatencyMs !== undefined && { medianLatencyMs: input.medianLatencyMs }), ...(input.errorRate !== undefined && { errorRate: input.errorRate }) };
      const td = registerTaskDefinition(store, { family: input.family, behavior: b });
      return { ...taskDefinitionView(td), ...td.behavior };
    }],
    ["PUT", /^\/ecs\/task-definitions\/([^/]+)\/fault$/, ({ store, params, body }) => {
      setTaskFault(store, params[0]!, parse(ecsFaultSchema, body()));
      return { faults: ecsStateView(store).faults };
    }],
    ["DELETE", /^\/ecs\/task-definitions\/([^/]+)\/fault$/, ({ store, params }) => ({ cleared: clearTaskFaults(store, params[0]!) })],
    ["DELETE", /^\/ecs\/faults$/, ({ store }) => ({ cleared: clearTaskFaults(store) })],
    ["GET", /^\/ecs\/service-updates$/, ({ store, query }) => {
      const after = Number(query.get("afterSeq") ?? 0);
      return { updates: serviceUpdates(store).filter((u) => u.seq > after).map((u) => ({ ...u, at: new Date(u.at).toISOString() })) };
    }],
  ];
}
