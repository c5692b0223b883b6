import "server-only";
// What the meeting page shows beyond the agenda itself: the inline details of the changes it renders,
// and the incidents its retrospective changes were made for (an overdue one's incident may be older
// than the section's week).
import { readDb } from "@/lib/db";
import type { IncidentItem } from "@/lib/domain/cab-agenda";
import { agendaEssentials } from "./cab-agenda-details";

export async function meetingPageDetails(crIds: readonly string[], listedIncidents: readonly IncidentItem[], now: Date) {
  const essentials = await agendaEssentials(crIds, now);
  const listed = new Set(listedIncidents.map((i) => i.incidentId));
  const missing = [...new Set([...essentials.values()].map((e) => e.incidentId).filter((id): id is string => !!id && !listed.has(id)))];
  const extra =
    missing.length === 0
      ? []
      : await readDb.selectFrom("Incident").select(["id", "severity", "title", "declaredAt", "resolvedAt"]).where("id", "in", missing).execute();
  const incidents: IncidentItem[] = [
    ...listedIncidents,
    ...extra.map((i) => ({ type: "incident" as const, incidentId: i.id, severity: i.severity, title: i.title, declaredAt: i.declaredAt, resolvedAt: i.resolvedAt })),
  ];
  return { essentials, incidents };
}
