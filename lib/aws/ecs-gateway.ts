// The ECS calls a rolling deployment needs, behind a small interface (the only code importing
// @aws-sdk/client-ecs). ECS has no optimistic lock on UpdateService, so updateService re-reads the
// service first and refuses (SERVICE_CHANGED) when its PRIMARY deployment is not the one the caller
// read: someone else deployed in between, and Changegate never fights ECS or a colleague. The
// remaining window between that read and the write is a few milliseconds, not a deploy step.
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  paginateListTaskDefinitions,
  UpdateServiceCommand,
  type Deployment,
  type Service,
} from "@aws-sdk/client-ecs";
import { checkRolloutConfig } from "@/lib/domain/ecs-rollout";
import { createEcsClient, type AwsClientOptions } from "./clients";
import { AwsGatewayError, toAwsGatewayError, type AwsCallContext } from "./errors";

export type RolloutStateName = "IN_PROGRESS" | "COMPLETED" | "FAILED";

export interface EcsDeploymentState {
  id: string;
  /** PRIMARY: the one ECS is rolling out; ACTIVE: older ones still running tasks. */
  status: string;
  taskDefinition: string;
  family: string;
  revision: number | null;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  rolloutState: RolloutStateName | null;
  rolloutStateReason: string;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface EcsDeploymentConfiguration {
  maximumPercent: number;
  minimumHealthyPercent: number;
  circuitBreaker: { enable: boolean; rollback: boolean };
}

export interface EcsServiceState {
  cluster: string;
  service: string;
  arn: string;
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinition: string;
  primary: EcsDeploymentState;
  deployments: EcsDeploymentState[];
  deploymentConfiguration: EcsDeploymentConfiguration;
  healthCheckGracePeriodSeconds: number | null;
  targetGroupArns: string[];
  /** Newest first, as ECS lists them. */
  events: { id: string; createdAt: Date | null; message: string }[];
}

export interface EcsTaskDefinitionInfo {
  arn: string;
  family: string;
  revision: number;
  status: string;
  registeredAt: Date | null;
}

export interface EcsUpdateInput {
  /** "family:revision" or an ARN, of the family the service already runs. */
  taskDefinition: string;
  deploymentConfiguration?: Partial<EcsDeploymentConfiguration>;
  /** The PRIMARY deployment id the caller read; anything else means someone else deployed. */
  expectedPrimaryDeploymentId: string;
}

export interface EcsGateway {
  describeService(cluster: string, service: string): Promise<EcsServiceState>;
  /** ACTIVE revisions of the family, oldest first, all pages. */
  listTaskDefinitions(family: string, opts?: { pageSize?: number }): Promise<EcsTaskDefinitionInfo[]>;
  describeTaskDefinition(familyRevision: string): Promise<EcsTaskDefinitionInfo>;
  updateService(cluster: string, service: string, input: EcsUpdateInput): Promise<EcsServiceState>;
}

export function createEcsGateway(opts: AwsClientOptions & { client?: ECSClient } = {}): EcsGateway {
  const client = opts.client ?? createEcsClient(opts);

  async function call<T>(ctx: AwsCallContext, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toAwsGatewayError(e, ctx);
    }
  }

  async function describeService(cluster: string, service: string): Promise<EcsServiceState> {
    const ctx = { operation: "DescribeServices", cluster, service };
    const out = await call(ctx, () => client.send(new DescribeServicesCommand({ cluster, services: [service] })));
    const s = out.services?.[0];
    if (!s) throw new AwsGatewayError("NOT_FOUND", `DescribeServices failed: service ${cluster}/${service} does not exist (${out.failures?.[0]?.reason ?? "MISSING"}).`, ctx);
    return toServiceState(cluster, s);
  }

  async function describeTaskDefinition(familyRevision: string): Promise<EcsTaskDefinitionInfo> {
    const ctx = { operation: "DescribeTaskDefinition", taskDefinition: familyRevision };
    try {
      const out = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: familyRevision }));
      const td = out.taskDefinition;
      return { arn: td?.taskDefinitionArn ?? "", family: td?.family ?? "", revision: td?.revision ?? 0, status: td?.status ?? "", registeredAt: td?.registeredAt ?? null };
    } catch (e) {
      const err = toAwsGatewayError(e, ctx);
      // ECS answers a ClientException (400) for a revision that does not exist.
      if (err.awsType === "ClientException" && /unable to describe|not found/i.test((e as Error).message ?? "")) {
        throw new AwsGatewayError("NOT_FOUND", `Task definition ${familyRevision} does not exist.`, { ...ctx, awsType: err.awsType, httpStatus: err.httpStatus });
      }
      throw err;
    }
  }

  return {
    describeService,
    describeTaskDefinition,

    async listTaskDefinitions(family, o = {}) {
      const ctx = { operation: "ListTaskDefinitions", taskDefinition: family };
      return call(ctx, async () => {
        const out: EcsTaskDefinitionInfo[] = [];
        const pages = paginateListTaskDefinitions({ client, pageSize: o.pageSize ?? 100 }, { familyPrefix: family, status: "ACTIVE", sort: "ASC" });
        for await (const page of pages) {
          for (const arn of page.taskDefinitionArns ?? []) {
            const { family: f, revision } = parseTaskDefinition(arn);
            if (f === family && revision !== null) out.push({ arn, family: f, revision, status: "ACTIVE", registeredAt: null });
          }
        }
        return out;
      });
    },

    async updateService(cluster, service, input) {
      const ctx = { operation: "UpdateService", cluster, service, taskDefinition: input.taskDefinition };
      const invalid = (message: string) => new AwsGatewayError("INVALID", message, ctx);
      const current = await describeService(cluster, service);
      if (current.primary.id !== input.expectedPrimaryDeploymentId) {
        throw new AwsGatewayError(
          "SERVICE_CHANGED",
          `Service ${cluster}/${service} was deployed outside Changegate since it was read: its PRIMARY deployment is now ${current.primary.id} ` +
            `(${current.primary.family}:${current.primary.revision ?? "?"}, ${current.primary.rolloutState ?? "no rollout state"}), not ${input.expectedPrimaryDeploymentId}. ` +
            `UpdateService was not sent; re-read the service and decide.`,
          ctx,
        );
      }
      let target: EcsTaskDefinitionInfo;
      try {
        target = await describeTaskDefinition(input.taskDefinition);
      } catch (e) {
        if (e instanceof AwsGatewayError && e.kind === "NOT_FOUND") throw invalid(`Task definition ${input.taskDefinition} does not exist, so ${cluster}/${service} cannot be updated to it.`);
        throw e;
      }
      if (target.family !== current.primary.family) {
        throw invalid(`Task definition ${target.family}:${target.revision} belongs to family ${target.family}, but ${cluster}/${service} runs family ${current.primary.family}: a rolling deployment changes the revision, not the application.`);
      }
      const cfg = { ...current.deploymentConfiguration, ...input.deploymentConfiguration };
      const problems = checkRolloutConfig({ desiredCount: current.desiredCount, maximumPercent: cfg.maximumPercent, minimumHealthyPercent: cfg.minimumHealthyPercent });
      if (problems.length > 0) throw invalid(`Deployment configuration refused for ${cluster}/${service}: ${problems.map((p) => p.message).join(" ")}`);
      const out = await call(ctx, () =>
        client.send(
          new UpdateServiceCommand({
            cluster,
            service,
            taskDefinition: target.arn,
            deploymentConfiguration: {
              maximumPercent: cfg.maximumPercent,
              minimumHealthyPercent: cfg.minimumHealthyPercent,
              deploymentCircuitBreaker: { enable: cfg.circuitBreaker.enable, rollback: cfg.circuitBreaker.rollback },
            },
          }),
        ),
      );
      if (!out.service) throw new AwsGatewayError("UPSTREAM", `UpdateService on ${cluster}/${service} answered without the service.`, ctx);
      return toServiceState(cluster, out.service);
    },
  };
}

/** "arn:aws:ecs:…:task-definition/orders-api:3" or "orders-api:3" → family and revision. */
export function parseTaskDefinition(ref: string): { family: string; revision: number | null } {
  const short = ref.includes("task-definition/") ? ref.slice(ref.indexOf("task-definition/") + "task-definition/".length) : ref;
  const [family = "", rev] = short.split(":");
  const revision = rev !== undefined && /^\d+$/.test(rev) ? Number(rev) : null;
  return { family, revision };
}

function toDeployment(d: Deployment): EcsDeploymentState {
  const td = d.taskDefinition ?? "";
  const rs = d.rolloutState;
  return {
    id: d.id ?? "",
    status: d.status ?? "",
    taskDefinition: td,
    ...parseTaskDefinition(td),
    desiredCount: d.desiredCount ?? 0,
    runningCount: d.runningCount ?? 0,
    pendingCount: d.pendingCount ?? 0,
    failedTasks: d.failedTasks ?? 0,
    rolloutState: rs === "IN_PROGRESS" || rs === "COMPLETED" || rs === "FAILED" ? rs : null,
    rolloutStateReason: d.rolloutStateReason ?? "",
    createdAt: d.createdAt ?? null,
    updatedAt: d.updatedAt ?? null,
  };
}

function toServiceState(cluster: string, s: Service): EcsServiceState {
  const deployments = (s.deployments ?? []).map(toDeployment);
  const primary = deployments.find((d) => d.status === "PRIMARY");
  if (!primary) throw new AwsGatewayError("UPSTREAM", `Service ${cluster}/${s.serviceName} has no PRIMARY deployment.`, { operation: "DescribeServices", cluster, service: s.serviceName });
  const dc = s.deploymentConfiguration;
  return {
    cluster,
    service: s.serviceName ?? "",
    arn: s.serviceArn ?? "",
    status: s.status ?? "",
    desiredCount: s.desiredCount ?? 0,
    runningCount: s.runningCount ?? 0,
    pendingCount: s.pendingCount ?? 0,
    taskDefinition: s.taskDefinition ?? primary.taskDefinition,
    primary,
    deployments,
    // ECS's own defaults when the service never set them.
    deploymentConfiguration: {
      maximumPercent: dc?.maximumPercent ?? 200,
      minimumHealthyPercent: dc?.minimumHealthyPercent ?? 100,
      circuitBreaker: { enable: dc?.deploymentCircuitBreaker?.enable ?? false, rollback: dc?.deploymentCircuitBreaker?.rollback ?? false },
    },
    healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds ?? null,
    targetGroupArns: (s.loadBalancers ?? []).flatMap((l) => (l.targetGroupArn ? [l.targetGroupArn] : [])),
    events: (s.events ?? []).map((e) => ({ id: e.id ?? "", createdAt: e.createdAt ?? null, message: e.message ?? "" })),
  };
}
