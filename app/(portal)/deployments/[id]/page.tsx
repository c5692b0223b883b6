import { notFound } from "next/navigation";
import { DeploymentRollback } from "@/components/deployments/deployment-rollback";
import { DeploymentSummary } from "@/components/deployments/deployment-summary";
import { LiveDeployment } from "@/components/deployments/live-deployment";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { resolveGateRules } from "@/lib/domain/deploy-gates";
import { isAppError } from "@/lib/errors";
import { deploymentRollbackOffer, laterRollbackOf } from "@/lib/server/deployment-rollback-offer";
import { getDeploymentDetail } from "@/lib/server/history-queries";
import { controlDeploymentAction, rollbackAliasAction } from "../actions";

export const metadata = { title: "Deployment" };

export default async function DeploymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("history:view", `/deployments/${id}`);
  const detail = await getDeploymentDetail(actor, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { deployment: d, requesterName } = detail;
  const [zone, offer, rolledBack] = await Promise.all([viewerTimeZone(), deploymentRollbackOffer(actor, d), laterRollbackOf(d)]);
  const rules = resolveGateRules(d.service.gateRules);
  const limits = {
    errorRatePercent: rules.errorRate.enabled ? rules.errorRate.thresholdPercent : null,
    p99Ms: rules.p99Duration.enabled ? rules.p99Duration.thresholdMs : null,
    errorCount: rules.errorCount.enabled ? { threshold: rules.errorCount.threshold, periods: rules.errorCount.consecutivePeriods } : null,
  };
  return (
    <div className="space-y-4">
      <div>
        <a href="/history" className="text-sm text-indigo-700 hover:underline">
          ← Deployment history
        </a>
        <h1 className="mt-1 text-2xl font-semibold">
          {d.flag ? (
            <>
              Rollout of flag <a className="text-indigo-700 hover:underline" href={`/flags/${d.flag.id}`}>{d.flag.name}</a>: {d.fromVersion} → {d.toVersion}
            </>
          ) : (
            <>
              {d.kind === "ROLLBACK" ? "Rollback of" : "Deployment of"} {d.service.name} {d.fromVersion} → {d.toVersion}
            </>
          )}
        </h1>
      </div>
      <p className="text-xs text-slate-500">Times and chart axes are in {zone}.</p>
      <LiveDeployment id={d.id} zone={zone} limits={limits} control={controlDeploymentAction} />
      {offer && (
        <Card title="Roll back">
          {offer.allowed ? <DeploymentRollback offer={offer} rollback={rollbackAliasAction} /> : <p className="text-sm text-slate-600">Version {offer.live} is live. {offer.who}</p>}
        </Card>
      )}
      {!offer && rolledBack && (
        <Alert tone="info">
          Version {d.toVersion} was rolled back to version {rolledBack.toVersion}.{" "}
          <Link className="underline" href={`/deployments/${rolledBack.id}`}>
            See the rollback
          </Link>
        </Alert>
      )}
      <Card title="Summary">
        <DeploymentSummary
          zone={zone}
          d={{ ...d, serviceName: d.service.name, teamName: d.service.team.name, requesterName, cr: d.cr, hotfixes: d.hotfixes }}
        />
      </Card>
    </div>
  );
}
