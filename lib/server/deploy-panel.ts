import "server-only";
// What the CR page's deploy block needs: may it deploy now (and if not, why), its deployments. The
// button asks the production gate's own predicates (who may, readiness); the deploy service asks the
// whole gate again with the alias and the code read from Lambda.
import { readDb } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { mayRequest, person, whoMayText } from "@/lib/domain/production-gate";
import { getPageReadiness } from "./change-readiness";

export async function getDeployPanel(actor: Actor, cr: { id: string; requesterId: string; serviceId: string }) {
  const [{ readiness }, deployments] = await Promise.all([
    getPageReadiness(cr.id),
    readDb.selectFrom("Deployment").select(["id", "kind", "state", "toVersion", "startedAt"])
      .where("crId", "=", cr.id).orderBy("startedAt", "desc").limit(5).execute(),
  ]);
  const mayStart = mayRequest("DEPLOY_START", person(actor), { requester: cr.requesterId === actor.id, onCall: false });
  const reasons = readiness.ready ? [] : readiness.missing.map((m) => m.message);
  if (!mayStart) reasons.push(whoMayText("DEPLOY_START"));
  return { canDeploy: readiness.ready && mayStart, reasons, warnings: readiness.warnings.map((w) => w.message), deployments, serviceId: cr.serviceId };
}
