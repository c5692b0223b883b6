import "server-only";
// What the CR page's deploy block needs: may it deploy now (and if not, why), its deployments.
import { db } from "@/lib/db";
import { can, hasRole, type Actor } from "@/lib/auth/permissions";
import { getPageReadiness } from "./change-readiness";

export async function getDeployPanel(actor: Actor, cr: { id: string; requesterId: string; serviceId: string }) {
  const [{ readiness }, deployments] = await Promise.all([
    getPageReadiness(cr.id),
    db.deployment.findMany({ where: { crId: cr.id }, orderBy: { startedAt: "desc" }, take: 5, select: { id: true, kind: true, state: true, toVersion: true, startedAt: true } }),
  ]);
  const mayStart = can(actor, "deploy:start") && (cr.requesterId === actor.id || hasRole(actor, "SRE") || hasRole(actor, "ADMIN"));
  const reasons = readiness.ready ? [] : readiness.missing.map((m) => m.message);
  if (!mayStart) reasons.push("only the requester, an SRE or an admin may start this deployment");
  return { canDeploy: readiness.ready && mayStart, reasons, warnings: readiness.warnings.map((w) => w.message), deployments, serviceId: cr.serviceId };
}
