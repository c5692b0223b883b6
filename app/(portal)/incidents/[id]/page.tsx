import Link from "next/link";
import { notFound } from "next/navigation";
import { StateBadge } from "@/components/changes/labels";
import { EmergencyChangeForm } from "@/components/incidents/emergency-change-form";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { formatInZone } from "@/lib/domain/local-time";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { isAppError } from "@/lib/errors";
import { changeFormOptions } from "@/lib/server/change-queries";
import { getIncidentOrThrow } from "@/lib/server/incidents";
import { createEmergencyChangeAction, resolveIncidentAction } from "../actions";
import { changePath } from "@/lib/domain/cr-number";

export const metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/incidents/${id}`);
  const [{ incident, declaredBy }, options, zone] = await Promise.all([
    getIncidentOrThrow(id).catch((e) => {
      if (isAppError(e) && e.code === "NOT_FOUND") notFound();
      throw e;
    }),
    changeFormOptions(),
    viewerTimeZone(),
  ]);
  const open = !incident.resolvedAt;
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <div className="flex items-center gap-2">
            <Badge tone={incident.severity === "SEV1" ? "red" : "amber"}>{incident.severity === "SEV1" ? "SEV-1" : "SEV-2"}</Badge>
            {open ? <Badge tone="red">Open</Badge> : <Badge tone="green">Resolved</Badge>}
          </div>
          <h1 className="mt-1 text-2xl font-semibold">{incident.title}</h1>
          <p className="text-sm text-slate-600">Declared by {declaredBy} · {formatInZone(incident.declaredAt, zone)}</p>
        </div>
        {open && can(actor, "incident:declare") && (
          <ActionForm action={resolveIncidentAction} label="Resolve incident">
            <input type="hidden" name="id" value={incident.id} />
            <Button type="submit" variant="secondary">Mark resolved</Button>
          </ActionForm>
        )}
      </header>
      <p className="whitespace-pre-line text-sm text-slate-700">{incident.description}</p>
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="Timeline">
          <ol aria-label="Incident timeline" className="space-y-2 text-sm">
            {incident.timeline.map((e) => (
              <li key={e.id} className="border-l-2 border-red-200 pl-3">
                <span className="block text-xs text-slate-500">{formatInZone(e.at, zone)}</span>
                {e.text}
              </li>
            ))}
          </ol>
        </Card>
        <div className="space-y-5">
          <Card title="Emergency changes">
            {incident.changes.length === 0 ? (
              <p className="text-sm text-slate-500">None yet.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {incident.changes.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center gap-2">
                    <Link href={changePath(c.number)} className="font-mono text-xs text-indigo-700 hover:underline">{c.number}</Link>
                    <span>{c.summary}</span>
                    <StateBadge state={c.state} />
                    {c.retroStatus && <Badge tone={c.retroStatus === "PENDING" ? "amber" : c.retroStatus === "APPROVED" ? "green" : "red"}>retro {c.retroStatus.toLowerCase()}</Badge>}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {open && can(actor, "change:create") && (
            <Card title="Create emergency change">
              <EmergencyChangeForm incidentId={incident.id} services={options.services} hotfixChoices={options.hotfixChoices} action={createEmergencyChangeAction} />
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
