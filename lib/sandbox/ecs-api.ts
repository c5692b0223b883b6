// ECS over AWS JSON 1.1 (POST /, x-amz-target AmazonEC2ContainerServiceV20141113.<Op>):
// DescribeServices, UpdateService, ListTaskDefinitions, DescribeTaskDefinition, RegisterTaskDefinition.
// Timestamps are epoch seconds on the wire; errors are { __type, message } with status 400.
import type { IncomingMessage, ServerResponse } from "node:http";
import { deploymentCounts } from "./ecs-sim";
import {
  clientError,
  findTaskDefinition,
  invalidParameter,
  registerTaskDefinition,
  serviceOf,
  updateService,
  clusterOf,
} from "./ecs-store";
import { ecsState, type EcsService, type EcsTaskDefinition } from "./ecs-types";
import { AwsApiError, parseJson, readBody, requestId, sendJson } from "./http";
import type { SandboxStore } from "./store";

export const ECS_TARGET = "AmazonEC2ContainerServiceV20141113.";
const JSON_11 = "application/x-amz-json-1.1";

type Body = Record<string, unknown>;

export async function handleEcs(store: SandboxStore, req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
  const record = (status: number, errorType?: string) =>
    store.record({ service: "ecs", operation, status, ...(errorType ? { errorType } : {}) });
  try {
    const fault = store.takeControlFault(operation);
    if (fault?.kind === "THROTTLE") throw new AwsApiError(400, "ThrottlingException", "Rate exceeded");
    if (fault) throw new AwsApiError(500, "ServerException", "Internal server error (injected by the sandbox)");
    const body = parseJson(await readBody(req), () => new AwsApiError(400, "SerializationException", "Could not parse request body")) as Body;
    const out = dispatch(store, operation, body);
    sendJson(res, 200, out, { "x-amzn-requestid": requestId() }, JSON_11);
    record(200);
  } catch (e) {
    const err = e instanceof AwsApiError ? e : new AwsApiError(500, "ServerException", "The sandbox hit an unexpected error");
    if (!(e instanceof AwsApiError)) console.error("[sandbox] unexpected ECS error", e);
    record(err.status, err.type);
    sendJson(res, err.status, { __type: err.type, message: err.message }, { "x-amzn-requestid": requestId(), "x-amzn-errortype": err.type }, JSON_11);
  }
}

function dispatch(store: SandboxStore, operation: string, b: Body): unknown {
  switch (operation) {
    case "DescribeServices": {
      const names = Array.isArray(b.services) ? b.services.map(String) : [];
      if (names.length === 0 || names.length > 10) throw invalidParameter("services must list between 1 and 10 services.");
      const cluster = str(b.cluster);
      const services: unknown[] = [];
      const failures: unknown[] = [];
      for (const n of names) {
        const s = serviceOf(store, cluster, n);
        if (s) services.push(serviceView(s));
        else failures.push({ arn: `${clusterOf(store, cluster).arn.replace(":cluster/", ":service/")}/${n}`, reason: "MISSING" });
      }
      return { services, failures };
    }
    case "UpdateService": {
      const service = str(b.service);
      if (!service) throw invalidParameter("service is required.");
      const dc = (b.deploymentConfiguration ?? {}) as Body;
      const cb = dc.deploymentCircuitBreaker as { enable?: unknown; rollback?: unknown } | undefined;
      const s = updateService(
        store,
        str(b.cluster),
        service,
        {
          taskDefinition: str(b.taskDefinition),
          desiredCount: num(b.desiredCount),
          maximumPercent: num(dc.maximumPercent),
          minimumHealthyPercent: num(dc.minimumHealthyPercent),
          circuitBreaker: cb ? { enable: cb.enable === true, rollback: cb.rollback === true } : undefined,
          healthCheckGracePeriodSeconds: num(b.healthCheckGracePeriodSeconds),
          forceNewDeployment: b.forceNewDeployment === true,
        },
        "api",
      );
      return { service: serviceView(s) };
    }
    case "RegisterTaskDefinition": {
      const family = str(b.family);
      if (!family) throw clientError("Family is required.");
      if (!Array.isArray(b.containerDefinitions) || b.containerDefinitions.length === 0) throw clientError("Container definitions are required.");
      return { taskDefinition: taskDefinitionView(registerTaskDefinition(store, { family, containerDefinitions: b.containerDefinitions, cpu: str(b.cpu), memory: str(b.memory) })), tags: [] };
    }
    case "DescribeTaskDefinition": {
      const ref = str(b.taskDefinition);
      const td = ref ? findTaskDefinition(store, ref) : undefined;
      if (!td) throw clientError("Unable to describe task definition.");
      return { taskDefinition: taskDefinitionView(td), tags: [] };
    }
    case "ListTaskDefinitions":
      return listTaskDefinitions(store, b);
    default:
      throw new AwsApiError(400, "UnknownOperationException", `The sandbox does not implement ECS ${operation}`);
  }
}

function listTaskDefinitions(store: SandboxStore, b: Body) {
  const prefix = str(b.familyPrefix);
  const status = str(b.status) ?? "ACTIVE";
  if (!["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"].includes(status)) throw invalidParameter(`status must be ACTIVE, INACTIVE or DELETE_IN_PROGRESS (got ${status}).`);
  const max = num(b.maxResults) ?? 100;
  if (!Number.isInteger(max) || max < 1 || max > 100) throw invalidParameter("maxResults must be between 1 and 100.");
  // familyPrefix matches whole families, like ECS (not a string prefix of other families).
  const all: EcsTaskDefinition[] = Object.values(ecsState(store.state).taskDefinitions)
    .flat()
    .filter((td) => td.status === status && (prefix === undefined || td.family === prefix))
    .sort((x, y) => x.family.localeCompare(y.family) || x.revision - y.revision);
  if (b.sort === "DESC") all.reverse();
  const start = b.nextToken === undefined ? 0 : Number(Buffer.from(String(b.nextToken), "base64url").toString());
  if (!Number.isInteger(start) || start < 0) throw invalidParameter("nextToken is invalid.");
  const page = all.slice(start, start + max);
  const next = start + max < all.length ? Buffer.from(String(start + max)).toString("base64url") : undefined;
  return { taskDefinitionArns: page.map((td) => td.arn), ...(next ? { nextToken: next } : {}) };
}

const secs = (ms: number) => ms / 1000;

export function serviceView(s: EcsService) {
  const running = s.tasks.filter((k) => k.state !== "PENDING").length;
  const pending = s.tasks.length - running;
  const cb = s.deploymentConfiguration.deploymentCircuitBreaker;
  return {
    serviceArn: s.arn,
    serviceName: s.name,
    clusterArn: s.arn.replace(/:service\/.*/, `:cluster/${s.cluster}`),
    status: "ACTIVE",
    desiredCount: s.desiredCount,
    runningCount: running,
    pendingCount: pending,
    launchType: "FARGATE",
    taskDefinition: s.deployments.find((d) => d.status === "PRIMARY")?.taskDefinition,
    loadBalancers: [{ targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:000000000000:${s.targetGroup}`, containerName: s.name, containerPort: 8080 }],
    deploymentConfiguration: {
      maximumPercent: s.deploymentConfiguration.maximumPercent,
      minimumHealthyPercent: s.deploymentConfiguration.minimumHealthyPercent,
      deploymentCircuitBreaker: { enable: cb.enable, rollback: cb.rollback },
    },
    deploymentController: { type: "ECS" },
    healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
    schedulingStrategy: "REPLICA",
    createdAt: secs(s.createdAt),
    deployments: s.deployments.map((d) => ({
      id: d.id,
      status: d.status,
      taskDefinition: d.taskDefinition,
      desiredCount: d.desiredCount,
      ...deploymentCounts(s, d),
      failedTasks: d.failedTasks,
      createdAt: secs(d.createdAt),
      updatedAt: secs(d.updatedAt),
      launchType: "FARGATE",
      rolloutState: d.rolloutState,
      rolloutStateReason: d.rolloutStateReason,
    })),
    events: s.events.map((e) => ({ id: e.id, createdAt: secs(e.createdAt), message: e.message })),
  };
}

export function taskDefinitionView(td: EcsTaskDefinition) {
  return {
    taskDefinitionArn: td.arn,
    family: td.family,
    revision: td.revision,
    status: td.status,
    containerDefinitions: td.containerDefinitions,
    ...(td.cpu !== undefined && { cpu: td.cpu }),
    ...(td.memory !== undefined && { memory: td.memory }),
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    registeredAt: secs(td.registeredAt),
  };
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}
function num(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number") throw invalidParameter(`Expected a number, got ${JSON.stringify(v)}.`);
  return v;
}
