import "server-only";
// Whether the deployment page offers "Roll back", and to what: only when this deployment's version
// is the one the alias serves alone, no deployment runs on it, and the production gate's own rules
// (who may roll back, which versions are known-good targets) say so — the same read the service page
// uses, so the button never shows where rollbackAlias would refuse for who or where.
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { whoMayText } from "@/lib/domain/production-gate";
import { TERMINAL_DEPLOYMENT_STATES } from "@/lib/domain/vocabulary";
import { getServiceVersions } from "./service-versions";

export type RollbackOffer =
  | { allowed: true; serviceId: string; alias: string; live: string; targets: string[]; preferred: string }
  | { allowed: false; live: string; who: string };

export async function deploymentRollbackOffer(
  actor: Actor,
  d: { serviceId: string; state: string; fromVersion: string; toVersion: string; flagId: string | null },
): Promise<RollbackOffer | null> {
  // A running deployment is undone with Abort; a flag rollout with the flag's own controls.
  if (d.flagId || !(TERMINAL_DEPLOYMENT_STATES as readonly string[]).includes(d.state)) return null;
  const v = await getServiceVersions(actor, d.serviceId);
  if (v.awsError || v.deploymentRunning) return null;
  if (v.versions.find((x) => x.version === d.toVersion)?.liveWeight !== 1) return null;
  if (!v.mayRollBack) return { allowed: false, live: d.toVersion, who: whoMayText("MANUAL_ROLLBACK") };
  const targets = v.versions.filter((x) => x.rollbackTarget).map((x) => x.version);
  if (targets.length === 0) return null;
  return {
    allowed: true,
    serviceId: d.serviceId,
    alias: v.service.kind === "ECS" ? v.service.functionName : v.service.alias,
    live: d.toVersion,
    targets,
    preferred: targets.includes(d.fromVersion) ? d.fromVersion : targets[0]!,
  };
}

/** The rollback that took this deployment's version off the alias, if one did: the page links to it. */
export async function laterRollbackOf(d: { id: string; serviceId: string; toVersion: string; startedAt: Date; kind: string }) {
  if (d.kind !== "DEPLOY") return null;
  return db.deployment.findFirst({
    where: { serviceId: d.serviceId, kind: "ROLLBACK", fromVersion: d.toVersion, startedAt: { gte: d.startedAt }, id: { not: d.id } },
    orderBy: { startedAt: "asc" },
    select: { id: true, toVersion: true },
  });
}
