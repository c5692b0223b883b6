// The incident retrospective grouped by incident: each incident, then the emergency changes made for
// it (rendered by the page, which knows the viewer's votes); emergency changes naming no incident last.
import type { ReactNode } from "react";
import { DateTime } from "luxon";
import { Badge } from "@/components/ui/badge";
import type { ChangeItem, IncidentItem } from "@/lib/domain/cab-agenda";
import type { RetroGroup } from "@/lib/domain/cab-retro-groups";

export function RetroGroups({ groups, zone, current, renderChange, discuss }: { groups: RetroGroup[]; zone: string; current: string | null; renderChange: (c: ChangeItem) => ReactNode; discuss: (i: IncidentItem) => ReactNode }) {
  if (groups.length === 0) return <p className="text-sm text-slate-500">No incidents or emergency changes to review.</p>;
  const at = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("ccc d LLL, HH:mm");
  return (
    <div className="space-y-4">
      {groups.map((g) => {
        const i = g.incident;
        const here = i && current === `incident:${i.incidentId}`;
        return (
          <section key={i?.incidentId ?? "none"} aria-label={i ? `Incident ${i.title}` : "Emergency changes without an incident"} className={`rounded-md border ${here ? "border-indigo-300 ring-2 ring-indigo-400" : "border-slate-200"}`}>
            <header className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded-t-md px-3 py-2 ${here ? "bg-indigo-50" : "bg-slate-50"}`}>
              {i ? (
                <>
                  <Badge tone="red">{i.severity.replace("SEV", "SEV-")}</Badge>
                  <a href={`/incidents/${i.incidentId}`} className="min-w-0 font-medium text-slate-900 hover:underline [overflow-wrap:anywhere]">{i.title}</a>
                  <span className="text-xs text-slate-600">
                    declared {at(i.declaredAt)}; {i.resolvedAt ? `resolved ${at(i.resolvedAt)}` : "still open"}
                  </span>
                  <span className="ml-auto">{discuss(i)}</span>
                </>
              ) : (
                <span className="font-medium text-slate-900">Emergency changes without an incident</span>
              )}
            </header>
            <div className="p-2">
              {g.changes.length === 0 ? (
                <p className="px-1 text-xs text-slate-500">No emergency change was made for this incident.</p>
              ) : (
                <ol className="space-y-2" aria-label={i ? `Emergency changes for ${i.title}` : "Emergency changes without an incident"}>
                  {g.changes.map(renderChange)}
                </ol>
              )}
            </div>
          </section>
        );
      })}
    </div>
  );
}
