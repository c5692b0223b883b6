import Link from "next/link";
import { DeployButton } from "@/components/deployments/deploy-button";
import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/permissions";
import { getFlagApplyPanel } from "@/lib/server/flag-change-view";
import { applyFlagChangeAction } from "../../flags/actions";
import { deploymentStateLabel } from "@/lib/domain/vocabulary";

/** A flag change's deploy block: "Apply" starts its guarded rollout (or says why not), its rollouts, the flag. */
export async function FlagApplySection({ cr, actor, flagId }: { cr: { id: string; requesterId: string }; actor: Actor; flagId: string }) {
  const p = await getFlagApplyPanel(actor, cr);
  return (
    <Card title="Apply">
      <DeployButton crId={cr.id} canDeploy={p.canApply} reasons={p.reasons} warnings={p.warnings} start={applyFlagChangeAction} verb="Apply" />
      {p.rollouts.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm">
          {p.rollouts.map((d) => (
            <li key={d.id}>
              <Link className="text-indigo-700 hover:underline" href={`/deployments/${d.id}`}>Rollout to {d.toVersion}</Link>{" "}
              <span className="text-slate-500">{deploymentStateLabel(d.state).toLowerCase()}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link className="text-indigo-700 hover:underline" href={`/flags/${flagId}`}>The flag, its history and the kill switch →</Link>
      </p>
    </Card>
  );
}
