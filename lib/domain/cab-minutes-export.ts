// The minutes as a Markdown document, for the record after the meeting: who chaired and attended,
// what was decided on each change (with the votes), then every minutes entry in order.
import { DateTime } from "luxon";
import type { AgendaSection } from "./cab-agenda";
import { parseMinutes } from "./cab-minutes";
import { approverSeatLabel, CAB_SEAT_LABELS } from "./policy";
import { meetingStatusLabel, RISK_LABELS, type Role } from "./vocabulary";

export interface MinutesDocInput {
  meeting: { startsAt: Date; status: string; startedAt: Date | null; closedAt: Date | null; minutes: string };
  chair: string | null;
  attendees: readonly { name: string; roles: readonly Role[] }[];
  sections: readonly AgendaSection[];
  zone: string;
}

const DECISION = { APPROVE: "approved", REJECT: "rejected", REQUEST_CHANGES: "requested changes" } as const;
const STATUS = { AWAITING: "Awaiting decision", APPROVED: "Approved", REJECTED: "Rejected", CHANGES_REQUESTED: "Changes requested" } as const;
/** A table cell: one line, pipes escaped. */
const cell = (s: string) => s.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();

export function minutesMarkdown({ meeting, chair, attendees, sections, zone }: MinutesDocInput): string {
  const at = (d: Date, fmt = "HH:mm") => DateTime.fromJSDate(d, { zone }).toFormat(fmt);
  const lines = [`# CAB meeting minutes, ${at(meeting.startsAt, "cccc d LLLL yyyy, HH:mm")} (${zone})`, ""];
  const ran = [meeting.startedAt && `started ${at(meeting.startedAt)}`, meeting.closedAt && `closed ${at(meeting.closedAt)}`].filter(Boolean).join(", ");
  lines.push(`- Status: ${meetingStatusLabel(meeting.status)}${ran ? ` (${ran})` : ""}`);
  lines.push(`- Chair: ${chair ?? "none"}`);
  const present = attendees.map((a) => (approverSeatLabel(a.roles) ? `${a.name} (${approverSeatLabel(a.roles)})` : a.name));
  lines.push(`- Present: ${present.length > 0 ? present.join(", ") : "nobody recorded"}`, "");

  lines.push("## Decisions", "");
  const changes = sections.flatMap((s) => s.items.map((i) => ({ section: s.title, item: i }))).filter((x) => x.item.type === "change");
  if (changes.length === 0) lines.push("No changes were on the agenda.", "");
  else {
    lines.push("| Change | Summary | Risk | Agenda part | Decision | Votes |", "|---|---|---|---|---|---|");
    for (const { section, item } of changes) {
      if (item.type !== "change") continue;
      const votes = item.votes.map((v) => `${v.name ?? "someone"}${v.seat ? ` (${CAB_SEAT_LABELS[v.seat]})` : ""} ${DECISION[v.decision]}${v.comment ? `: “${v.comment}”` : ""}`);
      const decision = `${STATUS[item.status]}${item.emergency ? " (retrospective)" : ""}`;
      lines.push(`| ${item.number} | ${cell(item.summary)} | ${RISK_LABELS[item.risk]} | ${section} | ${decision} | ${cell(votes.join("; ") || "none")} |`);
    }
    lines.push("");
  }

  lines.push("## Minutes", "");
  const entries = parseMinutes(meeting.minutes);
  if (entries.length === 0) lines.push("Nothing was recorded.");
  for (const e of entries) {
    const [first, ...rest] = e.text.split("\n");
    lines.push(`- ${e.at ? `**${at(e.at)}** ` : ""}${first}`, ...rest.map((l) => `  ${l}`));
  }
  return `${lines.join("\n")}\n`;
}
