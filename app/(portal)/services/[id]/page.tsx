import Link from "next/link";
import { notFound } from "next/navigation";
import { VersionList } from "@/components/deployments/version-list";
import { AlarmStates } from "@/components/services/alarm-states";
import { DeploymentPreference } from "@/components/services/deployment-preference";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { formatInZone } from "@/lib/domain/local-time";
import { isAppError } from "@/lib/errors";
import { whoMayText } from "@/lib/domain/production-gate";
import { alarmStatesFor } from "@/lib/server/service-alarms";
import { getServiceVersions } from "@/lib/server/service-versions";
import { rollbackAliasAction } from "../../deployments/actions";
import { deploymentStateLabel } from "@/lib/domain/vocabulary";
import { changePath } from "@/lib/domain/cr-number";

export const metadata = { title: "Service versions" };

export default async function ServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/services/${id}`);
  const v = await getServiceVersions(actor, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { service } = v;
  const [alarms, zone] = await Promise.all([service.alarmNames.length ? alarmStatesFor([service]) : null, viewerTimeZone()]);
  return (
    <div className="space-y-4">
      <div>
        <Link href="/services" className="text-sm text-indigo-700 hover:underline">← Services</Link>
        <h1 className="mt-1 text-2xl font-semibold">{service.name}</h1>
        <p className="text-sm text-slate-600">
          <span className="font-mono">{service.functionName}:{service.alias}</span> in {service.awsRegion} · now routes {v.aliasText ?? "unknown"} · on call: {service.onCallUser?.name ?? "nobody"}
        </p>
      </div>
      {service.kind === "LAMBDA" && (
        <Card title="Deployment preference">
          <DeploymentPreference service={service} />
        </Card>
      )}
      {alarms && (
        <Card title="Alarm gates now">
          <AlarmStates alarms={alarms.byService[service.id] ?? []} error={alarms.error} zone={zone} />
          <p className="mt-2 text-sm text-slate-500">An alarm CloudWatch cannot read (unknown name, CloudWatch failing) fails the deployment and puts the old version back, as CodeDeploy does by default.</p>
        </Card>
      )}
      {v.current?.crNumber && v.current.crId && (
        <Alert tone="info">
          The live version was deployed by <Link className="underline" href={changePath(v.current.crNumber)}>{v.current.crNumber}</Link>. Rolling back takes it off the alias and moves {v.current.crNumber} to Rolled back.
        </Alert>
      )}
      {v.deploymentRunning && <Alert tone="warning">A deployment is running on this alias: to undo it, abort it from its page.</Alert>}
      <Card title="Versions">
        {v.awsError ? (
          <Alert tone="error">{v.awsError}</Alert>
        ) : (
          <VersionList serviceId={service.id} alias={service.kind === "ECS" ? service.functionName : service.alias} versions={v.versions} mayRollBack={v.mayRollBack && !v.deploymentRunning} rollback={rollbackAliasAction} />
        )}
        {v.mayRollBack && !v.deploymentRunning && !v.awsError && !v.versions.some((x) => x.rollbackTarget) && (
          <p className="mt-2 text-sm text-slate-700">There is no other known-good version to roll back to.</p>
        )}
        <p className="mt-2 text-sm text-slate-500">
          Known good: live on this alias with a successful deployment that was not rolled back, or live when the service was registered. A rollback may go only to one of these. Moving to any other version — a newer one
          too — is a deploy and needs a <Link className="text-indigo-700 underline" href="/changes/new">change request</Link>.
        </p>
        {!v.mayRollBack && <p className="mt-1 text-sm text-slate-500">{whoMayText("MANUAL_ROLLBACK")}</p>}
      </Card>
      <Card title="Recent deployments">
        <ul className="space-y-1 text-sm">
          {v.deployments.map((d) => (
            <li key={d.id}>
              <Link className="text-indigo-700 underline" href={`/deployments/${d.id}`}>
                {d.kind === "ROLLBACK" ? "Rollback" : "Deploy"} {d.fromVersion} → {d.toVersion}
              </Link>{" "}
              {d.cr && <span className="text-slate-500">{d.cr.number} · </span>}
              <span className="text-slate-500">{deploymentStateLabel(d.state).toLowerCase()} · {formatInZone(d.startedAt, zone)}</span>
            </li>
          ))}
          {v.deployments.length === 0 && <li className="text-slate-500">None yet.</li>}
        </ul>
      </Card>
    </div>
  );
}
