import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CardLabels, cardTable } from "@/components/ui/card-table";
import { retrospectiveStatus } from "@/lib/domain/cab-agenda";
import { formatInZone } from "@/lib/domain/local-time";
import { DEFAULT_POLICY, type Policy } from "@/lib/domain/policy";
import { CHANGE_TYPE_LABELS } from "@/lib/domain/vocabulary";
import type { ChangeRowView } from "./change-row-types";
import { RiskBadge, StateBadge } from "./labels";
import { changePath } from "@/lib/domain/cr-number";

const COLUMNS = ["Number", "Summary", "State", "Risk", "Type", "Service", "Requester", "Window"] as const;

// The policy decides which CAB meeting reviews an emergency change; overdue once that meeting passed.
export function ChangeTable({ rows, zone, policy = DEFAULT_POLICY, now = new Date() }: { rows: ChangeRowView[]; zone: string; policy?: Policy; now?: Date }) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">No change requests match these filters.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <CardLabels name="changes" labels={COLUMNS} />
      {/* Cell styles are set once on the table, not on each of the page's 200 cells. */}
      <table {...cardTable("changes")} aria-label="Change requests" className="card-table min-w-full text-sm [&_td]:px-3 [&_td]:py-2 [&_td]:whitespace-nowrap [&_th]:px-3 [&_th]:py-2 [&_tbody_tr:hover]:bg-slate-50">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="font-mono text-xs">
                <Link href={changePath(r.number)} className="text-indigo-700 hover:underline">
                  {r.number}
                </Link>
              </td>
              <td className="!whitespace-normal">
                <Link href={changePath(r.number)} className="hover:underline">
                  {r.summary}
                </Link>
                {r.emergency && (
                  <span className="ml-2">
                    <Badge tone="red" title="Emergency change">
                      Emergency{r.retroStatus === "PENDING" ? " · retro pending" : ""}
                      {retrospectiveStatus(r, policy, now)?.overdue ? " · overdue" : ""}
                    </Badge>
                  </span>
                )}
              </td>
              <td><StateBadge state={r.state} /></td>
              <td><RiskBadge risk={r.risk} /></td>
              <td>{CHANGE_TYPE_LABELS[r.type]}</td>
              <td>{r.service.name}</td>
              <td>{r.requester.name}</td>
              <td className="text-xs text-slate-600">{formatInZone(r.windowStart, zone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
