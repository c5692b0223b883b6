import Link from "next/link";
import type { ReactNode } from "react";
import { RiskBadge } from "@/components/changes/labels";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatInZone } from "@/lib/domain/local-time";
import type { WorkItem } from "@/lib/domain/my-work";
import { changePath } from "@/lib/domain/cr-number";

/** Where each kind of item is acted on, and what the link says. */
const ACTION: Record<WorkItem["kind"], { verb: string; href: (number: string) => string }> = {
  VOTE: { verb: "Vote", href: changePath },
  CTO_SIGN_OFF: { verb: "Sign off", href: changePath },
  VERBAL: { verb: "Record verbal approval", href: changePath },
  RETRO: { verb: "Vote retrospectively", href: changePath },
  ON_CALL: { verb: "Confirm presence", href: changePath },
  CHANGES_REQUESTED: { verb: "Edit and resubmit", href: (n) => `${changePath(n)}/edit` },
  REJECTED: { verb: "Open", href: changePath },
  TO_DEPLOY: { verb: "Open", href: changePath },
};

/** How many rows a section shows until asked for all: people work a list from the top. */
export const SECTION_PREVIEW = 20;

export const sectionId = (title: string) => title.toLowerCase().replace(/[^a-z]+/g, "-");

/**
 * One section of My work; hidden when empty unless `empty` says what to show instead. `shown` rows
 * of `count` are rendered; the rest are a link away (`?all=<id>`): 300 vote rows rendered whole cost
 * the landing page ~400 KB and most of its CPU.
 */
export function WorkSection({ title, count, shown = count, empty, children }: { title: string; count: number; shown?: number; empty?: string; children: ReactNode }) {
  if (count === 0 && !empty) return null;
  const id = sectionId(title);
  return (
    <Card title={<span id={id}>{title}{count > 0 && <span className="ml-1 text-slate-500">({count})</span>}</span>}>
      <section aria-labelledby={id}>
        {count === 0 ? <p className="text-sm text-slate-500">{empty}</p> : <ul className="divide-y divide-slate-100">{children}</ul>}
        {shown < count && (
          <a href={`/?all=${id}#${id}`} className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline">
            Show all {count} ({count - shown} more)
          </a>
        )}
      </section>
    </Card>
  );
}

export function WorkRow({ item, zone, extra }: { item: WorkItem; zone: string; extra?: ReactNode }) {
  const { cr } = item;
  const action = ACTION[item.kind];
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-2 text-sm" data-testid="work-item">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={changePath(cr.number)} className="font-mono text-xs text-slate-500 hover:underline">{cr.number}</Link>
          <Link href={action.href(cr.number)} className="font-medium text-indigo-700 hover:underline">{cr.summary}</Link>
          <RiskBadge risk={cr.risk} />
          {cr.emergency && <Badge tone="red">Emergency</Badge>}
          {item.due && <Badge tone={item.due.overdue ? "red" : "amber"}>{item.due.overdue ? "Overdue since" : "Due"} {formatInZone(item.due.at, zone)}</Badge>}
        </div>
        {cr.meeting && (item.kind === "VOTE" || item.kind === "CTO_SIGN_OFF") && (
          <p className="text-slate-600">
            On the agenda of the{" "}
            <Link href={`/cab/${cr.meeting.id}`} className="text-indigo-700 underline">CAB meeting of {formatInZone(cr.meeting.startsAt, zone)}</Link>
            {cr.meeting.status === "IN_PROGRESS" ? " (running now: vote there)" : ""}
          </p>
        )}
        {item.detail && <p className="text-slate-600">{item.detail}</p>}
        {extra}
      </div>
      <Link href={action.href(cr.number)} className="shrink-0 rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50">
        {action.verb} →
      </Link>
    </li>
  );
}
