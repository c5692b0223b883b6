// ECS state changes, shared by the ECS API and the control API so ECS's rules hold whichever door
// a change comes in by. Every change runs inside store.change() (persisted), and every read first
// advances the simulation to the simulated now.
import { checkRolloutConfig } from "@/lib/domain/ecs-rollout";
import { AwsApiError } from "./http";
import { addEvent, advanceService, newDeploymentId, primaryOf, type FaultAt } from "./ecs-sim";
import { ECS_ACCOUNT, ECS_REGION, ecsState, type EcsBehavior, type EcsDeploymentConfig, type EcsService, type EcsTaskDefinition, type EcsTaskFault } from "./ecs-types";
import type { SandboxStore } from "./store";

// Healthy means no errors, as for the sandbox's Lambda versions: faults add them (a 0.1 % rate at 20 rps
// would breach the seed's 0.1 % gate by Poisson noise alone in a long rollout).
export const DEFAULT_ECS_BEHAVIOR: EcsBehavior = { medianLatencyMs: 40, errorRate: 0 };
const MAX_UPDATES = 10_000;
const MAX_ENDED_FAULTS = 500;

/** One service update through the ECS API (a client such as the portal) or the control API (by hand). */
export interface EcsServiceUpdate {
  seq: number;
  at: number;
  cluster: string;
  service: string;
  taskDefinition: string;
  desiredCount: number;
  via: "api" | "control";
}

// The journal lives beside the store, like its aliasWrites: bounded, in memory, not persisted.
const journals = new WeakMap<SandboxStore, EcsServiceUpdate[]>();
export function serviceUpdates(store: SandboxStore): EcsServiceUpdate[] {
  let j = journals.get(store);
  if (!j) journals.set(store, (j = []));
  return j;
}

export const clientError = (message: string) => new AwsApiError(400, "ClientException", message);
export const invalidParameter = (message: string) => new AwsApiError(400, "InvalidParameterException", message);

const arnPrefix = `arn:aws:ecs:${ECS_REGION}:${ECS_ACCOUNT}`;
const NAME = /^[A-Za-z0-9_-]{1,255}$/;

export function faultAt(store: SandboxStore): FaultAt {
  const faults = ecsState(store.state).faults;
  return (td, at) => faults.find((r) => r.taskDefinition === td && r.from <= at && (r.to === null || at < r.to))?.fault;
}

export function registerTaskDefinition(
  store: SandboxStore,
  input: { family: string; containerDefinitions?: unknown[]; cpu?: string; memory?: string; behavior?: Partial<EcsBehavior> },
): EcsTaskDefinition {
  if (!NAME.test(input.family)) throw clientError("Family must be 1–255 letters, digits, hyphens or underscores.");
  return store.change(() => {
    const revs = (ecsState(store.state).taskDefinitions[input.family] ??= []);
    const prev = revs.at(-1);
    const revision = (prev?.revision ?? 0) + 1;
    const td: EcsTaskDefinition = {
      family: input.family,
      revision,
      arn: `${arnPrefix}:task-definition/${input.family}:${revision}`,
      status: "ACTIVE",
      containerDefinitions: input.containerDefinitions ?? [{ name: input.family, image: `${input.family}:${revision}`, essential: true }],
      ...(input.cpu !== undefined && { cpu: input.cpu }),
      ...(input.memory !== undefined && { memory: input.memory }),
      registeredAt: store.now(),
      behavior: { ...DEFAULT_ECS_BEHAVIOR, ...prev?.behavior, ...input.behavior },
    };
    revs.push(td);
    return td;
  });
}

/** "family" (latest ACTIVE revision), "family:revision" or a full ARN. */
export function findTaskDefinition(store: SandboxStore, ref: string): EcsTaskDefinition | undefined {
  const short = ref.startsWith("arn:") ? ref.slice(ref.indexOf("task-definition/") + "task-definition/".length) : ref;
  const [family, rev] = short.split(":");
  const revs = ecsState(store.state).taskDefinitions[family ?? ""] ?? [];
  if (rev === undefined) return revs.filter((r) => r.status === "ACTIVE").at(-1);
  return revs.find((r) => String(r.revision) === rev);
}

export function clusterOf(store: SandboxStore, name = "default") {
  const short = name.startsWith("arn:") ? name.slice(name.lastIndexOf("/") + 1) : name;
  const c = ecsState(store.state).clusters[short];
  if (!c) throw new AwsApiError(400, "ClusterNotFoundException", "Cluster not found.");
  return c;
}

/** The service, advanced to now. */
export function serviceOf(store: SandboxStore, cluster: string | undefined, name: string): EcsService | undefined {
  const c = clusterOf(store, cluster);
  const short = name.startsWith("arn:") ? name.slice(name.lastIndexOf("/") + 1) : name;
  const s = c.services[short];
  if (s) store.change(() => advanceService(s, store.now(), faultAt(store)));
  return s;
}

/** Advances every service to now (before metrics are read). */
export function advanceAll(store: SandboxStore): void {
  const clusters = Object.values(ecsState(store.state).clusters);
  if (clusters.length === 0) return;
  const now = store.now();
  store.change(() => clusters.forEach((c) => Object.values(c.services).forEach((s) => advanceService(s, now, faultAt(store)))));
}

export interface NewEcsService {
  cluster: string;
  service: string;
  taskDefinition: string;
  desiredCount: number;
  maximumPercent: number;
  minimumHealthyPercent: number;
  circuitBreaker: { enable: boolean; rollback: boolean };
  healthCheckGracePeriodSeconds: number;
  requestRate: number;
  /** Start with the tasks already healthy (a steady service), as of this simulated time. */
  since?: number;
}

export function createService(store: SandboxStore, input: NewEcsService): EcsService {
  return store.change(() => {
    const ecs = ecsState(store.state);
    const c = (ecs.clusters[input.cluster] ??= { name: input.cluster, arn: `${arnPrefix}:cluster/${input.cluster}`, services: {} });
    if (c.services[input.service]) throw invalidParameter("Creation of service was not idempotent.");
    const td = findTaskDefinition(store, input.taskDefinition);
    if (!td) throw clientError("TaskDefinition not found.");
    const config = deploymentConfig(input.desiredCount, input.maximumPercent, input.minimumHealthyPercent, input.circuitBreaker);
    const at = input.since ?? store.now();
    const id = newDeploymentId();
    const hex = (s: string) => [...s].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7).toString(16).padStart(8, "0");
    const s: EcsService = {
      name: input.service,
      cluster: input.cluster,
      arn: `${arnPrefix}:service/${input.cluster}/${input.service}`,
      desiredCount: input.desiredCount,
      deploymentConfiguration: config,
      healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds,
      requestRate: input.requestRate,
      loadBalancer: `app/${input.cluster}-alb/${hex(input.cluster)}${hex(input.cluster + "lb")}`,
      targetGroup: `targetgroup/${input.service}/${hex(input.service)}${hex(input.cluster + input.service)}`,
      createdAt: at,
      deployments: [
        { id, status: "PRIMARY", taskDefinition: td.arn, desiredCount: input.desiredCount, failedTasks: 0, rolloutState: "COMPLETED", rolloutStateReason: `ECS deployment ${id} completed.`, createdAt: at, updatedAt: at },
      ],
      tasks: Array.from({ length: input.desiredCount }, () => ({ id: crypto.randomUUID().replaceAll("-", ""), deploymentId: id, taskDefinition: td.arn, state: "HEALTHY" as const, nextAt: null })),
      events: [],
      lastCompleted: { deploymentId: id, taskDefinition: td.arn },
      advancedTo: at,
      targets: [{ at, healthy: input.desiredCount > 0 ? { [td.arn]: input.desiredCount } : {}, unhealthy: 0 }],
    };
    addEvent(s, at, "has reached a steady state.");
    c.services[input.service] = s;
    return s;
  });
}

function deploymentConfig(desiredCount: number, maximumPercent: number, minimumHealthyPercent: number, cb: { enable: boolean; rollback: boolean }): EcsDeploymentConfig {
  const refused = checkRolloutConfig({ desiredCount, maximumPercent, minimumHealthyPercent }).find((p) => p.kind === "refused");
  if (refused) throw invalidParameter(refused.message);
  return { maximumPercent, minimumHealthyPercent, deploymentCircuitBreaker: { enable: cb.enable, rollback: cb.rollback } };
}

export interface ServiceUpdateInput {
  taskDefinition?: string;
  desiredCount?: number;
  maximumPercent?: number;
  minimumHealthyPercent?: number;
  circuitBreaker?: { enable: boolean; rollback: boolean };
  healthCheckGracePeriodSeconds?: number;
  forceNewDeployment?: boolean;
  requestRate?: number;
}

/** UpdateService semantics: omitted fields keep their value; a new task definition (or force) starts a deployment. */
export function updateService(store: SandboxStore, cluster: string | undefined, name: string, input: ServiceUpdateInput, via: EcsServiceUpdate["via"]): EcsService {
  return store.change(() => {
    const s = serviceOf(store, cluster, name);
    if (!s) throw new AwsApiError(400, "ServiceNotFoundException", "Service not found.");
    const now = store.now();
    const td = input.taskDefinition === undefined ? undefined : findTaskDefinition(store, input.taskDefinition);
    if (input.taskDefinition !== undefined && !td) throw clientError("TaskDefinition not found.");
    if (input.desiredCount !== undefined && (!Number.isInteger(input.desiredCount) || input.desiredCount < 0)) throw invalidParameter("desiredCount must be a whole number of at least 0.");
    const desired = input.desiredCount ?? s.desiredCount;
    const cur = s.deploymentConfiguration;
    const config = deploymentConfig(desired, input.maximumPercent ?? cur.maximumPercent, input.minimumHealthyPercent ?? cur.minimumHealthyPercent, input.circuitBreaker ?? cur.deploymentCircuitBreaker);
    if (input.healthCheckGracePeriodSeconds !== undefined && !(input.healthCheckGracePeriodSeconds >= 0 && input.healthCheckGracePeriodSeconds <= 2_147_483_647)) {
      throw invalidParameter("healthCheckGracePeriodSeconds must be between 0 and 2147483647.");
    }
    s.deploymentConfiguration = config;
    s.desiredCount = desired;
    if (input.healthCheckGracePeriodSeconds !== undefined) s.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
    if (input.requestRate !== undefined) s.requestRate = input.requestRate;
    const primary = primaryOf(s);
    primary.desiredCount = desired;
    if ((td && td.arn !== primary.taskDefinition) || input.forceNewDeployment) {
      primary.status = "ACTIVE";
      const id = newDeploymentId();
      s.deployments.unshift({ id, status: "PRIMARY", taskDefinition: td?.arn ?? primary.taskDefinition, desiredCount: desired, failedTasks: 0, rolloutState: "IN_PROGRESS", rolloutStateReason: `ECS deployment ${id} in progress.`, createdAt: now, updatedAt: now });
    }
    const journal = serviceUpdates(store);
    journal.push({ seq: (journal.at(-1)?.seq ?? 0) + 1, at: now, cluster: s.cluster, service: s.name, taskDefinition: primaryOf(s).taskDefinition, desiredCount: desired, via });
    if (journal.length > MAX_UPDATES) journal.splice(0, journal.length - MAX_UPDATES);
    // The scheduler reacts at once: the answer already shows the new deployment's first tasks.
    advanceService(s, now, faultAt(store));
    return s;
  });
}

/** Replaces a revision's fault from now on (tasks judged later see it); past minutes keep theirs. */
export function setTaskFault(store: SandboxStore, ref: string, fault: EcsTaskFault): void {
  const td = findTaskDefinition(store, ref);
  if (!td) throw clientError("TaskDefinition not found.");
  store.change(() => {
    advanceAll(store);
    endFaults(store, (arn) => arn === td.arn);
    ecsState(store.state).faults.push({ taskDefinition: td.arn, fault, from: store.now(), to: null });
  });
}

export function clearTaskFaults(store: SandboxStore, ref?: string): number {
  const td = ref === undefined ? undefined : findTaskDefinition(store, ref);
  if (ref !== undefined && !td) throw clientError("TaskDefinition not found.");
  return store.change(() => {
    advanceAll(store);
    return endFaults(store, (arn) => !td || arn === td.arn);
  });
}

function endFaults(store: SandboxStore, match: (arn: string) => boolean): number {
  const ecs = ecsState(store.state);
  const now = store.now();
  let n = 0;
  for (const r of ecs.faults) {
    if (r.to === null && match(r.taskDefinition)) {
      r.to = now;
      n++;
    }
  }
  ecs.faults = ecs.faults.filter((r) => r.to !== r.from);
  const ended = ecs.faults.filter((r) => r.to !== null);
  if (ended.length > MAX_ENDED_FAULTS) ecs.faults = ecs.faults.filter((r) => r.to === null || ended.indexOf(r) >= ended.length - MAX_ENDED_FAULTS);
  return n;
}
