import "server-only";
// What a service's production target serves now, read the same way for a Lambda alias and an ECS
// service, and the one write a manual rollback makes to it. Deploy start, manual rollback and the
// service page ask here; the orchestrator's own reads and writes are lib/deploy/rollout-target.ts.
import { describeAlias } from "@/lib/domain/deploy-progress";
import type { LiveTarget } from "@/lib/domain/production-gate";
import { parseTaskDefinition, type EcsGateway, type LambdaGateway } from "@/lib/aws";
import { awsGateways } from "./aws";

export interface TargetService {
  kind: "LAMBDA" | "ECS";
  /** Lambda: the function; ECS: the service. */
  functionName: string;
  /** Lambda: the alias; ECS: the cluster. */
  alias: string;
}

export interface Gateways {
  lambda?: LambdaGateway;
  ecs?: EcsGateway;
}

export interface LiveReading extends LiveTarget {
  describe: string;
  /** Each version's share of traffic (Lambda) or the task definition running (ECS, share 1). */
  shares: Map<string, number>;
}

const taskDef = (ref: string) => {
  const { family, revision } = parseTaskDefinition(ref);
  return revision === null ? family : `${family}:${revision}`;
};

export async function readLive(service: TargetService, gw: Gateways = {}): Promise<LiveReading> {
  if (service.kind === "ECS") {
    const s = await (gw.ecs ?? awsGateways().ecs).describeService(service.alias, service.functionName);
    const version = taskDef(s.primary.taskDefinition);
    const splitting = s.primary.rolloutState === "IN_PROGRESS";
    return {
      version,
      splitting,
      revision: s.primary.id,
      describe: `task definition ${version}${splitting ? " (rolling out)" : ""}`,
      shares: new Map([[version, 1]]),
    };
  }
  const alias = await (gw.lambda ?? awsGateways().lambda).getAlias(service.functionName, service.alias);
  const extra = Object.values(alias.additionalVersionWeights).reduce((s, w) => s + w, 0);
  const shares = new Map<string, number>([[alias.functionVersion, 1 - extra], ...Object.entries(alias.additionalVersionWeights)]);
  return { version: alias.functionVersion, splitting: extra > 0, revision: alias.revisionId, describe: describeAlias(alias), shares };
}

/** Puts the target on `version` at once, over the revision read (refused when anyone wrote since); the new revision. */
export async function rollbackTo(service: TargetService, version: string, revision: string, gw: Gateways = {}): Promise<string> {
  if (service.kind === "ECS") {
    const s = await (gw.ecs ?? awsGateways().ecs).updateService(service.alias, service.functionName, { taskDefinition: version, expectedPrimaryDeploymentId: revision });
    return s.primary.id;
  }
  const alias = await (gw.lambda ?? awsGateways().lambda).rollbackAlias(service.functionName, service.alias, { version, revisionId: revision });
  return alias.revisionId;
}
