import Link from "next/link";
import { DeployButton } from "@/components/deployments/deploy-button";
import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/permissions";
import { getDeployPanel } from "@/lib/server/deploy-panel";
import { startDeploymentAction } from "../../deployments/actions";
import { deploymentStateLabel } from "@/lib/domain/vocabulary";

/** The deploy block of a CR page: the Deploy button (or why not), its deployments, the rollback page. */
export async function DeploySection({ cr, actor }: { cr: { id: string; requesterId: string; serviceId: string }; actor: Actor }) {
  const p = await getDeployPanel(actor, cr);
  return (
    <Card title="Deploy">
      <DeployButton crId={cr.id} canDeploy={p.canDeploy} reasons={p.reasons} warnings={p.warnings} start={startDeploymentAction} />
      {p.deployments.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm">
          {p.deployments.map((d) => (
            <li key={d.id}>
              <Link className="text-indigo-700 hover:underline" href={`/deployments/${d.id}`}>
                {d.kind === "ROLLBACK" ? "Rollback" : "Deployment"} to version {d.toVersion}
              </Link>{" "}
              <span className="text-slate-500">{deploymentStateLabel(d.state).toLowerCase()}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link className="text-indigo-700 hover:underline" href={`/services/${p.serviceId}`}>
          Versions and manual rollback →
        </Link>
      </p>
    </Card>
  );
}
