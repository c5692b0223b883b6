// The retrospective part of the agenda grouped by incident: each incident with the emergency changes
// made for it, so the board reviews a fix beside the incident that justified skipping the CAB.
import type { ChangeItem, IncidentItem } from "./cab-agenda";

export interface RetroGroup {
  /** null: emergency changes that name no incident. */
  incident: IncidentItem | null;
  changes: ChangeItem[];
}

/**
 * `incidents`: the section's incidents plus those the changes name from earlier weeks (an overdue
 * retrospective's incident). Incidents oldest first; changes without an incident last.
 */
export function groupRetrospective(changes: readonly ChangeItem[], incidents: readonly IncidentItem[], incidentOf: (crId: string) => string | null): RetroGroup[] {
  const byId = new Map<string, RetroGroup>();
  for (const i of [...incidents].sort((a, b) => a.declaredAt.getTime() - b.declaredAt.getTime())) {
    if (!byId.has(i.incidentId)) byId.set(i.incidentId, { incident: i, changes: [] });
  }
  const loose: ChangeItem[] = [];
  for (const c of changes) {
    const group = byId.get(incidentOf(c.crId) ?? "");
    if (group) group.changes.push(c);
    else loose.push(c);
  }
  const groups = [...byId.values()];
  return loose.length > 0 ? [...groups, { incident: null, changes: loose }] : groups;
}
