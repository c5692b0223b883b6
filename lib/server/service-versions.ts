import "server-only";
// Read models for the services pages: each service with its alias, and one service's versions as
// Lambda lists them (with which one is live) plus its recent deployments.
import { db } from "@/lib/db";
import { hasRole, type Actor } from "@/lib/auth/permissions";
import { isAwsGatewayError, type AliasState, type FunctionVersionInfo } from "@/lib/aws";
import { describeAlias } from "@/lib/domain/deploy-progress";
import { AppError } from "@/lib/errors";
import { awsGateways } from "./aws";

export async function listDeployTargets() {
  return db.service.findMany({
    where: { archived: false },
    orderBy: { name: "asc" },
    select: { id: true, name: true, functionName: true, alias: true, awsRegion: true, team: { select: { name: true } }, onCallUser: { select: { name: true } } },
  });
}

export async function getServiceVersions(actor: Actor, serviceId: string, crId?: string) {
  const service = await db.service.findUnique({ where: { id: serviceId }, include: { onCallUser: { select: { id: true, name: true } } } });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  const cr = crId ? await db.changeRequest.findUnique({ where: { id: crId }, select: { id: true, number: true, requesterId: true, serviceId: true } }) : null;
  const deployments = await db.deployment.findMany({
    where: { serviceId },
    orderBy: { startedAt: "desc" },
    take: 10,
    select: { id: true, kind: true, state: true, fromVersion: true, toVersion: true, startedAt: true, rollbackKind: true },
  });
  let alias: AliasState | null = null;
  let versions: FunctionVersionInfo[] = [];
  let awsError: string | null = null;
  try {
    const lambda = awsGateways().lambda;
    [alias, versions] = await Promise.all([lambda.getAlias(service.functionName, service.alias), lambda.listVersions(service.functionName)]);
  } catch (e) {
    if (!isAwsGatewayError(e)) throw e;
    awsError = e.message;
  }
  const live = new Map<string, number>();
  if (alias) {
    const extra = Object.values(alias.additionalVersionWeights).reduce((s, w) => s + w, 0);
    live.set(alias.functionVersion, 1 - extra);
    for (const [v, w] of Object.entries(alias.additionalVersionWeights)) live.set(v, w);
  }
  const mayRollBack =
    hasRole(actor, "SRE") || hasRole(actor, "ADMIN") || service.onCallUserId === actor.id || (cr?.serviceId === serviceId && cr.requesterId === actor.id);
  return {
    service,
    cr: cr?.serviceId === serviceId ? cr : null,
    aliasText: alias ? describeAlias(alias) : null,
    versions: versions
      .map((v) => ({ version: v.version, description: v.description, lastModified: v.lastModified?.toISOString() ?? null, liveWeight: live.get(v.version) ?? 0 }))
      .reverse(),
    deployments,
    awsError,
    mayRollBack,
  };
}
