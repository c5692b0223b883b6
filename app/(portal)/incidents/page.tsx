import Link from "next/link";
import { DeclareIncidentForm } from "@/components/incidents/declare-incident-form";
import { RetroPendingCard } from "@/components/incidents/retro-pending-card";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { formatInZone } from "@/lib/domain/local-time";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { retrospectivesPending } from "@/lib/server/emergency-queries";
import { listIncidents } from "@/lib/server/incidents";
import { declareIncidentAction } from "./actions";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const actor = await requireActor("/incidents");
  const [incidents, pending, zone] = await Promise.all([listIncidents(), retrospectivesPending(), viewerTimeZone()]);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Incidents</h1>
      <div className="grid gap-5 lg:grid-cols-3">
        <div className="space-y-5 lg:col-span-2">
          {can(actor, "incident:declare") && (
            <Card title="Declare an incident">
              <DeclareIncidentForm action={declareIncidentAction} />
            </Card>
          )}
          <Card title="Recent incidents">
            {incidents.length === 0 ? (
              <p className="text-sm text-slate-500">No incidents declared.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {incidents.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center gap-2 py-2">
                    <Badge tone={i.severity === "SEV1" ? "red" : "amber"}>{i.severity === "SEV1" ? "SEV-1" : "SEV-2"}</Badge>
                    <Link href={`/incidents/${i.id}`} className="font-medium text-indigo-700 hover:underline">{i.title}</Link>
                    <span className="text-slate-500">{formatInZone(i.declaredAt, zone)}</span>
                    <span className="text-slate-500">· {i._count.changes} change{i._count.changes === 1 ? "" : "s"}</span>
                    {i.resolvedAt ? <Badge tone="green">Resolved</Badge> : <Badge tone="red">Open</Badge>}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <RetroPendingCard items={pending.items} overdue={pending.overdue} timeZone={zone} />
      </div>
    </div>
  );
}
