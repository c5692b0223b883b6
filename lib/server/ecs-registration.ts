import "server-only";
// What registering an ECS service reads from ECS: the service must exist, the deployment
// configuration must be one ECS accepts and can make progress with at the service's desired count,
// the target group must be one the service's load balancer uses, and the revision it runs now is
// the known-good baseline a rollback returns to (like a Lambda alias's version).
import { isAwsGatewayError, type EcsServiceState } from "@/lib/aws";
import { awsProblemWords } from "@/lib/domain/aws-problem-words";
import { ecsConfigFieldErrors, type EcsServiceConfig } from "@/lib/domain/ecs-service-config";
import { AppError } from "@/lib/errors";
import type { EcsServiceInput } from "@/lib/schemas/admin";
import { awsGateways } from "./aws";

export interface EcsRegistration {
  functionName: string;
  alias: string;
  targetGroup: string;
  ecsConfig: EcsServiceConfig;
  /** "family:revision" the service runs, or null while a deployment is under way (no single one). */
  baselineVersion: string | null;
}

export function ecsConfigOf(v: EcsServiceInput): EcsServiceConfig {
  return {
    maximumPercent: v.maximumPercent,
    minimumHealthyPercent: v.minimumHealthyPercent,
    circuitBreaker: { enable: v.circuitBreakerEnable, rollback: v.circuitBreakerRollback },
    healthCheckGracePeriodSeconds: v.healthCheckGracePeriodSeconds,
  };
}

function refuse(message: string, fields: Record<string, string>): never {
  throw new AppError("VALIDATION", message, { fields });
}

/** Checks the entry against ECS; `readBaseline` false keeps the stored one (the service was not retargeted). */
export async function readEcsRegistration(v: EcsServiceInput, readBaseline: boolean): Promise<EcsRegistration & { baselineRead: boolean }> {
  const ecsConfig = ecsConfigOf(v);
  // Rules that hold at any desired count first, so a bad form is refused without asking AWS.
  const early = ecsConfigFieldErrors(ecsConfig, 0);
  const firstEarly = Object.values(early)[0];
  if (firstEarly) refuse(`Please fix: ${firstEarly}`, early);

  let svc: EcsServiceState;
  try {
    svc = await awsGateways().ecs.describeService(v.cluster, v.ecsService);
  } catch (e) {
    if (isAwsGatewayError(e, "NOT_FOUND")) {
      refuse(`ECS has no service ${v.ecsService} in cluster ${v.cluster}; check both names.`, { ecsService: "No such service in this cluster" });
    }
    if (isAwsGatewayError(e)) throw new AppError("UPSTREAM", awsProblemWords(e.kind, { kind: "ECS", functionName: v.ecsService, alias: v.cluster, awsRegion: v.awsRegion }));
    throw e;
  }

  const atCount = ecsConfigFieldErrors(ecsConfig, svc.desiredCount);
  const firstAtCount = Object.values(atCount)[0];
  if (firstAtCount) refuse(`Please fix: ${firstAtCount}`, atCount);

  const groups = svc.targetGroupArns.map((arn) => arn.slice(arn.lastIndexOf(":") + 1));
  const targetGroup = v.targetGroup ?? groups[0];
  if (!targetGroup) {
    refuse(`${v.cluster}/${v.ecsService} is not behind a load balancer, so its gates would have no metrics; give the target group to read.`, { targetGroup: "Give the target group" });
  }
  if (groups.length > 0 && !groups.includes(targetGroup)) {
    refuse(`${v.cluster}/${v.ecsService} is behind ${groups.join(", ")}, not ${targetGroup}.`, { targetGroup: "Not a target group of this service" });
  }

  // During a rollout there is no single known-good revision, as with an alias splitting traffic.
  const steady = svc.deployments.length === 1 && svc.primary.rolloutState !== "IN_PROGRESS" && svc.primary.revision !== null;
  const baselineVersion = readBaseline && steady ? `${svc.primary.family}:${svc.primary.revision}` : null;
  return { functionName: v.ecsService, alias: v.cluster, targetGroup, ecsConfig, baselineVersion, baselineRead: readBaseline };
}
