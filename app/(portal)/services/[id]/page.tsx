import Link from "next/link";
import { notFound } from "next/navigation";
import { VersionList } from "@/components/deployments/version-list";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getServiceVersions } from "@/lib/server/service-versions";
import { rollbackAliasAction } from "../../deployments/actions";

export const metadata = { title: "Service versions" };

export default async function ServicePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ cr?: string }> }) {
  const { id } = await params;
  const { cr: crId } = await searchParams;
  const actor = await requireActor(`/services/${id}`);
  const v = await getServiceVersions(actor, id, crId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { service } = v;
  return (
    <div className="space-y-4">
      <div>
        <Link href="/services" className="text-sm text-indigo-700 hover:underline">← Services</Link>
        <h1 className="mt-1 text-2xl font-semibold">{service.name}</h1>
        <p className="text-sm text-slate-600">
          <span className="font-mono">{service.functionName}:{service.alias}</span> in {service.awsRegion} · now routes {v.aliasText ?? "unknown"} · on call: {service.onCallUser?.name ?? "nobody"}
        </p>
      </div>
      {v.cr && <Alert tone="info">Rolling back from {v.cr.number}: a rollback here also moves that change to Rolled back.</Alert>}
      <Card title="Versions">
        {v.awsError ? (
          <Alert tone="error">{v.awsError}</Alert>
        ) : (
          <VersionList serviceId={service.id} alias={service.alias} crId={v.cr?.id} versions={v.versions} mayRollBack={v.mayRollBack} rollback={rollbackAliasAction} />
        )}
        {!v.mayRollBack && <p className="mt-2 text-sm text-slate-500">Rolling back is limited to SREs, the on-call engineer, the change&apos;s requester and admins.</p>}
      </Card>
      <Card title="Recent deployments">
        <ul className="space-y-1 text-sm">
          {v.deployments.map((d) => (
            <li key={d.id}>
              <Link className="text-indigo-700 hover:underline" href={`/deployments/${d.id}`}>
                {d.kind === "ROLLBACK" ? "Rollback" : "Deploy"} {d.fromVersion} → {d.toVersion}
              </Link>{" "}
              <span className="text-slate-500">{d.state.toLowerCase().replace("_", " ")} · {d.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</span>
            </li>
          ))}
          {v.deployments.length === 0 && <li className="text-slate-500">None yet.</li>}
        </ul>
      </Card>
    </div>
  );
}
