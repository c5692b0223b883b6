import type { CalendarEvent, CalendarEventKind } from "@/lib/domain/change-calendar";

export const KIND_STYLES: Record<CalendarEventKind, string> = {
  "freeze-window": "bg-slate-700 text-white",
  "cab-meeting": "bg-violet-100 text-violet-900",
  "change-window": "bg-blue-100 text-blue-900",
  deployment: "bg-green-100 text-green-900",
};

export const KIND_LABELS: Record<CalendarEventKind, string> = {
  "freeze-window": "Freeze window",
  "cab-meeting": "CAB meeting",
  "change-window": "Change window",
  deployment: "Deployment",
};

/** The shading of a freeze: diagonal stripes, so blocks on top stay readable. */
export const FREEZE_STRIPES = "repeating-linear-gradient(135deg, rgba(71,85,105,0.20) 0 6px, rgba(71,85,105,0.06) 6px 12px)";

/** Where an event opens: its CR, deployment or CAB meeting; freezes have no page of their own. */
export function eventHref(e: CalendarEvent): string | null {
  if (e.kind === "change-window") return `/changes/${e.refId}`;
  if (e.kind === "deployment") return `/deployments/${e.refId}`;
  if (e.kind === "cab-meeting") return `/cab/${e.refId}`;
  return null;
}

/** CR numbers by id, to name the other side of a conflict. */
export function changeNumbers(days: ReadonlyArray<{ events: ReadonlyArray<{ event: CalendarEvent }> }>): Map<string, string> {
  const numbers = new Map<string, string>();
  for (const d of days) for (const p of d.events) if (p.event.kind === "change-window") numbers.set(p.event.refId, p.event.title.split(":")[0] ?? "");
  return numbers;
}
