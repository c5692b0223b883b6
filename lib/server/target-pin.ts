import "server-only";
// Pins what a change ships: the published version's CodeSha256 as Lambda reports it. Submission pins
// it (gates and approvals are then about that code); the deploy reads it again and the production
// gate refuses code that changed (a function deleted and re-created reuses version numbers).
import type { LambdaGateway } from "@/lib/aws";
import { isAwsGatewayError } from "@/lib/aws";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { deployTargetIssues } from "@/lib/schemas/change-request";
import { awsGateways } from "./aws";
import { pinEcsTarget } from "./ecs-target-pin";

export interface TargetPin {
  serviceId: string;
  version: string;
  codeSha256: string;
}

/** A flag change's pin: the flag's parameter version it is decided against. */
export interface FlagPin {
  flagId: string;
  baseVersion: number;
}

const PUBLISHED = /^\d+$/;

/** The code a version holds now, or null when the function has no such version. */
export async function liveCodeSha(functionName: string, version: string, lambda: LambdaGateway = awsGateways().lambda): Promise<string | null> {
  try {
    const versions = await lambda.listVersions(functionName);
    return versions.find((v) => v.version === version)?.codeSha256 ?? null;
  } catch (e) {
    if (isAwsGatewayError(e, "NOT_FOUND")) return null;
    if (isAwsGatewayError(e)) throw new AppError("UPSTREAM", `Could not read the versions of ${functionName} from AWS Lambda: ${e.message}`);
    throw e;
  }
}

/**
 * A Lambda service: the published version's CodeSha256. An ECS service: "taskdef:<ARN>" of an ACTIVE
 * revision of the family it runs. With a strategy, also refuses one the service's kind cannot use.
 */
export async function pinTarget(target: { serviceId: string; targetVersion: string; strategy?: string }, opts: { lambda?: LambdaGateway; client?: Tx | typeof db } = {}): Promise<TargetPin> {
  const { serviceId, targetVersion: version } = target;
  const found = await (opts.client ?? db).service.findUnique({ where: { id: serviceId } });
  if (found?.kind === "ECS") {
    const wrongStrategy = target.strategy !== undefined ? deployTargetIssues("ECS", { targetVersion: version, strategy: target.strategy }).find((i) => i.path[0] === "strategy") : undefined;
    if (wrongStrategy) throw new AppError("VALIDATION", `${found.name} is an ECS service: it deploys by rolling update (ROLLING), not ${target.strategy}.`, { fields: { strategy: wrongStrategy.message } });
    return { serviceId, version, codeSha256: await pinEcsTarget(found, version) };
  }
  if (target.strategy !== undefined && deployTargetIssues("LAMBDA", { targetVersion: "1", strategy: target.strategy }).length > 0) {
    throw new AppError("VALIDATION", "Rolling update is for ECS services; choose a traffic-shifting strategy for a Lambda alias.", { fields: { strategy: "Choose a traffic-shifting strategy" } });
  }
  if (!PUBLISHED.test(version)) {
    throw new AppError("VALIDATION", `Target a published version, not ${version || "nothing"}: $LATEST can change after approval, so publish a version first.`, {
      fields: { targetVersion: "Choose a published version number" },
    });
  }
  const service = found;
  if (!service) throw new AppError("VALIDATION", "Choose an existing service.", { fields: { serviceId: "No such service" } });
  const codeSha256 = await liveCodeSha(service.functionName, version, opts.lambda);
  if (!codeSha256) {
    throw new AppError("VALIDATION", `Version ${version} of ${service.functionName} does not exist; publish it or choose another version.`, {
      fields: { targetVersion: "No such published version" },
    });
  }
  return { serviceId, version, codeSha256 };
}

/**
 * A flag's current parameter version, which must be the one Changegate last wrote: a flag changed
 * outside Changegate is reconciled first (its page says so), never decided against blindly.
 */
export async function pinFlag(flagId: string, opts: { client?: Tx | typeof db } = {}): Promise<FlagPin> {
  const flag = await (opts.client ?? db).featureFlag.findUnique({ where: { id: flagId } });
  if (!flag) throw new AppError("VALIDATION", "Choose an existing flag.", { fields: { flagId: "No such flag" } });
  let found;
  try {
    found = await awsGateways().ssm.getParameter(flag.parameterName);
  } catch (e) {
    if (isAwsGatewayError(e)) throw new AppError("UPSTREAM", `Could not read ${flag.parameterName} from SSM Parameter Store: ${e.message}`);
    throw e;
  }
  if (!found || found.version !== flag.parameterVersion) {
    throw new AppError("CONFLICT", `Flag ${flag.name} was changed outside Changegate (its parameter is at version ${found?.version ?? "none"}, Changegate last wrote ${flag.parameterVersion ?? "none"}); open the flag to see and reconcile it first.`);
  }
  return { flagId, baseVersion: found.version };
}

/** Refuses a pin read for another target than the row now holds (an edit raced the submission). */
export function assertPinFits(pin: TargetPin | FlagPin, cr: { number: string; serviceId: string; targetVersion: string; flagId?: string | null }): void {
  if ("flagId" in pin ? pin.flagId !== cr.flagId : pin.serviceId !== cr.serviceId || pin.version !== cr.targetVersion) {
    throw new AppError("STALE", `${cr.number}'s target changed while it was being submitted. Reload and try again.`);
  }
}
