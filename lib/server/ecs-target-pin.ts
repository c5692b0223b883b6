import "server-only";
// Pins what an ECS change ships: the task definition revision's ARN as ECS reports it, stored where a
// Lambda change keeps its CodeSha256 ("taskdef:<arn>"). The revision must exist, be ACTIVE and belong
// to the family the service runs: a rolling deployment changes the revision, not the application.
import { isAwsGatewayError, type EcsGateway, type EcsTaskDefinitionInfo } from "@/lib/aws";
import { parseFamilyRevision } from "@/lib/domain/ecs-service-config";
import { AppError } from "@/lib/errors";
import { awsGateways } from "./aws";

export const TASK_DEFINITION_PIN_PREFIX = "taskdef:";

function refuse(message: string, field: string, short: string): never {
  throw new AppError("VALIDATION", message, { fields: { [field]: short } });
}

function upstream(e: unknown, what: string): never {
  if (isAwsGatewayError(e)) throw new AppError("UPSTREAM", `Could not read ${what} from ECS: ${e.message}`);
  throw e;
}

/** The family the service runs now (from its PRIMARY deployment). */
export async function serviceFamily(service: { functionName: string; alias: string }, ecs: EcsGateway = awsGateways().ecs): Promise<string> {
  try {
    return (await ecs.describeService(service.alias, service.functionName)).primary.family;
  } catch (e) {
    if (isAwsGatewayError(e, "NOT_FOUND")) {
      refuse(`ECS has no service ${service.functionName} in cluster ${service.alias} any more; fix the registry entry.`, "serviceId", "ECS service not found");
    }
    upstream(e, `${service.alias}/${service.functionName}`);
  }
}

export async function pinEcsTarget(service: { functionName: string; alias: string }, version: string, ecs: EcsGateway = awsGateways().ecs): Promise<string> {
  const ref = parseFamilyRevision(version);
  if (!ref) refuse(`Target a task definition revision as family:revision (e.g. orders-api:3), not ${version || "nothing"}.`, "targetVersion", "Choose a task definition revision");
  const family = await serviceFamily(service, ecs);
  if (ref.family !== family) {
    refuse(
      `Task definition ${version} belongs to family ${ref.family}, but ${service.alias}/${service.functionName} runs family ${family}: choose a revision of ${family}.`,
      "targetVersion",
      `Not a revision of ${family}`,
    );
  }
  let td: EcsTaskDefinitionInfo;
  try {
    td = await ecs.describeTaskDefinition(version);
  } catch (e) {
    if (isAwsGatewayError(e, "NOT_FOUND")) refuse(`Task definition ${version} does not exist; register it or choose another revision of ${family}.`, "targetVersion", "No such revision");
    upstream(e, `task definition ${version}`);
  }
  if (td.status !== "ACTIVE") {
    refuse(`Task definition ${version} is ${td.status || "not ACTIVE"}: ECS starts no new tasks from it. Choose an ACTIVE revision of ${family}.`, "targetVersion", "Revision is not ACTIVE");
  }
  return `${TASK_DEFINITION_PIN_PREFIX}${td.arn}`;
}
