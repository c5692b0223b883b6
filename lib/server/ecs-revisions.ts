import "server-only";
// The task definition revisions the CR form offers for an ECS service: the ACTIVE revisions of the
// family it runs, newest first, marking the one running now. ECS being unreachable must not take the
// form down: the service then shows why its revisions are missing.
import { isAwsGatewayError } from "@/lib/aws";
import { awsGateways } from "./aws";

export interface EcsRevisionChoices {
  family: string | null;
  /** "family:revision", newest first. */
  revisions: string[];
  running: string | null;
  error: string | null;
}

export async function ecsRevisionChoices(service: { functionName: string; alias: string }): Promise<EcsRevisionChoices> {
  const ecs = awsGateways().ecs;
  try {
    const svc = await ecs.describeService(service.alias, service.functionName);
    const family = svc.primary.family;
    const list = await ecs.listTaskDefinitions(family);
    return {
      family,
      revisions: list.map((t) => `${t.family}:${t.revision}`).reverse(),
      running: svc.primary.revision !== null ? `${family}:${svc.primary.revision}` : null,
      error: null,
    };
  } catch (e) {
    if (!isAwsGatewayError(e)) throw e;
    return { family: null, revisions: [], running: null, error: `Could not read the revisions from ECS: ${e.message}` };
  }
}

/** Revision choices for every ECS service of a list, keyed by service id. */
export async function ecsRevisionsFor(services: { id: string; kind: string; functionName: string; alias: string }[]): Promise<Record<string, EcsRevisionChoices>> {
  const ecs = services.filter((s) => s.kind === "ECS");
  const found = await Promise.all(ecs.map((s) => ecsRevisionChoices(s)));
  return Object.fromEntries(ecs.map((s, i) => [s.id, found[i]!]));
}
