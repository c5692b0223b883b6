import "server-only";
// What the CR page's deploy block needs: may it deploy now (and if not, why), its deployments. The
// button asks the production gate's own predicates (who may, readiness); the deploy service asks the
// whole gate again with the alias and the code read from Lambda.
import type { DeploymentKind, DeploymentState } from "@/generated/prisma/client";
import { readSql } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { mayRequest, person, whoMayText } from "@/lib/domain/production-gate";
import { getPageReadiness } from "./change-readiness";

export async function getDeployPanel(actor: Actor, cr: { id: string; requesterId: string; serviceId: string }) {
  const [{ readiness }, deployments] = await Promise.all([
    getPageReadiness(cr.id),
    readSql<{ id: string; kind: DeploymentKind; state: DeploymentState; toVersion: string; startedAt: Date }[]>`
      SELECT id, kind::text AS kind, state::text AS state, "toVersion", "startedAt" FROM "Deployment" WHERE "crId" = ${cr.id} ORDER BY "startedAt" DESC LIMIT 5`,
  ]);
  const mayStart = mayRequest("DEPLOY_START", person(actor), { requester: cr.requesterId === actor.id, onCall: false });
  const reasons = readiness.ready ? [] : readiness.missing.map((m) => m.message);
  if (!mayStart) reasons.push(whoMayText("DEPLOY_START"));
  return { canDeploy: readiness.ready && mayStart, reasons, warnings: readiness.warnings.map((w) => w.message), deployments, serviceId: cr.serviceId };
}
