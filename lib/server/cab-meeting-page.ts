import "server-only";
// What the meeting page shows beyond the agenda itself: the inline details of the changes it renders,
// and the incidents its retrospective changes were made for (an overdue one's incident may be older
// than the section's week).
import { Prisma } from "@/generated/prisma/client";
import { readSql } from "@/lib/db";
import type { AgendaIncident, IncidentItem } from "@/lib/domain/cab-agenda";
import { agendaEssentials } from "./cab-agenda-details";

export async function meetingPageDetails(crIds: readonly string[], listedIncidents: readonly IncidentItem[], now: Date) {
  const essentials = await agendaEssentials(crIds, now);
  const listed = new Set(listedIncidents.map((i) => i.incidentId));
  const missing = [...new Set([...essentials.values()].map((e) => e.incidentId).filter((id): id is string => !!id && !listed.has(id)))];
  const extra =
    missing.length === 0
      ? []
      : await readSql<AgendaIncident[]>`SELECT id, severity::text AS severity, title, "declaredAt", "resolvedAt" FROM "Incident" WHERE id IN (${Prisma.join(missing)})`;
  const incidents: IncidentItem[] = [
    ...listedIncidents,
    ...extra.map((i) => ({ type: "incident" as const, incidentId: i.id, severity: i.severity, title: i.title, declaredAt: i.declaredAt, resolvedAt: i.resolvedAt })),
  ];
  return { essentials, incidents };
}
