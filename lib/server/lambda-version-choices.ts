import "server-only";
// The published versions the CR form offers for a Lambda service, newest first with their
// descriptions, marking the one the alias serves. Loaded when the service is chosen (one function's
// versions, not every service's at page render). Lambda being unreadable must not block filing a
// change: the form then says why and falls back to typing the version number.
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { isAwsGatewayError } from "@/lib/aws";
import { AppError } from "@/lib/errors";
import { awsGateways } from "./aws";
import { assertCan } from "./guard";

export interface LambdaVersionChoices {
  functionName: string;
  /** Newest first. */
  versions: { version: string; description: string; lastModified: string | null }[];
  /** The version the alias routes (most of) its traffic to, or null when unknown. */
  live: string | null;
  /** Why the versions could not be read; the form then takes a typed version number. */
  error: string | null;
}

export async function lambdaVersionChoices(actor: Actor, serviceId: string): Promise<LambdaVersionChoices> {
  assertCan(actor, "change:create");
  const service = await db.service.findUnique({ where: { id: serviceId }, select: { kind: true, functionName: true, alias: true, archived: true } });
  if (!service || service.archived) throw new AppError("NOT_FOUND", "Unknown service: choose one from the registry.");
  if (service.kind !== "LAMBDA") throw new AppError("VALIDATION", "This service is an ECS service: choose a task definition revision.");
  const lambda = awsGateways().lambda;
  try {
    const [versions, alias] = await Promise.all([
      lambda.listVersions(service.functionName),
      lambda.getAlias(service.functionName, service.alias).catch((e: unknown) => (isAwsGatewayError(e) ? null : Promise.reject(e))),
    ]);
    return {
      functionName: service.functionName,
      versions: versions
        .filter((v) => v.version !== "$LATEST")
        .map((v) => ({ version: v.version, description: v.description, lastModified: v.lastModified?.toISOString() ?? null }))
        .reverse(),
      live: alias?.functionVersion ?? null,
      error: null,
    };
  } catch (e) {
    if (!isAwsGatewayError(e)) throw e;
    return { functionName: service.functionName, versions: [], live: null, error: `Could not read the published versions of ${service.functionName} from Lambda (${e.message}); type the version number instead.` };
  }
}
