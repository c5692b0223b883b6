import "server-only";
// What the CR page's deploy block needs: may it deploy now (and if not, why), its deployments.
import type { DeploymentKind, DeploymentState } from "@/generated/prisma/client";
import { readSql } from "@/lib/db";
import { can, hasRole, type Actor } from "@/lib/auth/permissions";
import { getPageReadiness } from "./change-readiness";

export async function getDeployPanel(actor: Actor, cr: { id: string; requesterId: string; serviceId: string }) {
  const [{ readiness }, deployments] = await Promise.all([
    getPageReadiness(cr.id),
    readSql<{ id: string; kind: DeploymentKind; state: DeploymentState; toVersion: string; startedAt: Date }[]>`
      SELECT id, kind::text AS kind, state::text AS state, "toVersion", "startedAt" FROM "Deployment" WHERE "crId" = ${cr.id} ORDER BY "startedAt" DESC LIMIT 5`,
  ]);
  const mayStart = can(actor, "deploy:start") && (cr.requesterId === actor.id || hasRole(actor, "SRE") || hasRole(actor, "ADMIN"));
  const reasons = readiness.ready ? [] : readiness.missing.map((m) => m.message);
  if (!mayStart) reasons.push("only the requester, an SRE or an admin may start this deployment");
  return { canDeploy: readiness.ready && mayStart, reasons, warnings: readiness.warnings.map((w) => w.message), deployments, serviceId: cr.serviceId };
}
