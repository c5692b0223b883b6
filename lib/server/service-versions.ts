import "server-only";
// Read models for the services pages: each service with its alias, and one service's versions as
// Lambda lists them (with which one is live and which a rollback may go to) plus its recent
// deployments. "May roll back, and to what" comes from the production gate's own rules.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { isAwsGatewayError, parseTaskDefinition } from "@/lib/aws";
import { awsProblemWords } from "@/lib/domain/aws-problem-words";
import { mayRequest, person, rollbackTargets } from "@/lib/domain/production-gate";
import { AppError } from "@/lib/errors";
import { awsGateways } from "./aws";
import { readLive, type LiveReading, type TargetService } from "./live-target";
import { loadRollbackEvidence } from "./rollback-evidence";

export async function listDeployTargets() {
  return db.service.findMany({
    where: { archived: false },
    orderBy: { name: "asc" },
    select: { id: true, name: true, functionName: true, alias: true, awsRegion: true, team: { select: { name: true } }, onCallUser: { select: { name: true } } },
  });
}

export async function getServiceVersions(actor: Actor, serviceId: string) {
  const service = await db.service.findUnique({ where: { id: serviceId }, include: { onCallUser: { select: { id: true, name: true } } } });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  const deployments = await db.deployment.findMany({
    where: { serviceId },
    orderBy: { startedAt: "desc" },
    take: 10,
    select: { id: true, kind: true, state: true, fromVersion: true, toVersion: true, startedAt: true, rollbackKind: true, cr: { select: { number: true } } },
  });
  let live: LiveReading | null = null;
  let versions: { version: string; description: string; lastModified: Date | null }[] = [];
  let awsError: string | null = null;
  try {
    [live, versions] = await Promise.all([readLive(service), listVersions(service)]);
  } catch (e) {
    if (!isAwsGatewayError(e)) throw e;
    // The page says what is wrong in words; the SDK's own text is for the log.
    console.warn(`service ${service.name}: ${e.message}`);
    awsError = awsProblemWords(e.kind, service);
  }
  const evidence = live ? await loadRollbackEvidence(service, live.version) : null;
  const knownGood = new Map((evidence?.knownGood ?? []).map((k) => [k.version, k.evidence]));
  const targets = new Set(live && evidence ? rollbackTargets(live, evidence.knownGood).map((k) => k.version) : []);
  const relations = { requester: evidence?.current?.requesterId === actor.id, onCall: service.onCallUserId === actor.id };
  return {
    service,
    /** The change whose version the alias serves (a rollback moves it to Rolled back). */
    current: evidence?.current ? { crId: evidence.current.crId, crNumber: evidence.current.crNumber ?? null } : null,
    deploymentRunning: evidence?.deploymentRunning ?? false,
    aliasText: live?.describe ?? null,
    versions: versions
      .map((v) => ({
        version: v.version,
        description: v.description,
        lastModified: v.lastModified?.toISOString() ?? null,
        liveWeight: live?.shares.get(v.version) ?? 0,
        /** Why this version is known-good (live here with a successful deployment, or the baseline), or null. */
        knownGood: knownGood.get(v.version) ?? null,
        /** Whether a rollback may go to it now (known-good and not what the alias already serves alone). */
        rollbackTarget: targets.has(v.version),
      }))
      .reverse(),
    deployments,
    awsError,
    mayRollBack: mayRequest("MANUAL_ROLLBACK", person(actor), relations),
  };
}

/** What could be deployed or rolled back to: a function's published versions, an ECS family's revisions (oldest first). */
async function listVersions(service: TargetService): Promise<{ version: string; description: string; lastModified: Date | null }[]> {
  if (service.kind === "ECS") {
    const ecs = awsGateways().ecs;
    const { family } = parseTaskDefinition((await ecs.describeService(service.alias, service.functionName)).primary.taskDefinition);
    return (await ecs.listTaskDefinitions(family)).map((t) => ({ version: `${t.family}:${t.revision}`, description: t.status.toLowerCase(), lastModified: t.registeredAt }));
  }
  return awsGateways().lambda.listVersions(service.functionName);
}
