import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { retrospectiveStatus } from "@/lib/domain/cab-agenda";
import { formatInZone } from "@/lib/domain/local-time";
import { DEFAULT_POLICY, type Policy } from "@/lib/domain/policy";
import { CHANGE_TYPE_LABELS } from "@/lib/domain/vocabulary";
import type { ChangeRowView } from "./change-row-types";
import { RiskBadge, StateBadge } from "./labels";

// The policy decides which CAB meeting reviews an emergency change; overdue once that meeting passed.
export function ChangeTable({ rows, policy = DEFAULT_POLICY, now = new Date() }: { rows: ChangeRowView[]; policy?: Policy; now?: Date }) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">No change requests match these filters.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Number</th>
            <th className="px-3 py-2">Summary</th>
            <th className="px-3 py-2">State</th>
            <th className="px-3 py-2">Risk</th>
            <th className="px-3 py-2">Type</th>
            <th className="px-3 py-2">Service</th>
            <th className="px-3 py-2">Requester</th>
            <th className="px-3 py-2">Window</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50">
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                <Link href={`/changes/${r.id}`} className="text-indigo-700 hover:underline">
                  {r.number}
                </Link>
              </td>
              <td className="px-3 py-2">
                <Link href={`/changes/${r.id}`} className="hover:underline">
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
              <td className="px-3 py-2"><StateBadge state={r.state} /></td>
              <td className="px-3 py-2"><RiskBadge risk={r.risk} /></td>
              <td className="whitespace-nowrap px-3 py-2">{CHANGE_TYPE_LABELS[r.type]}</td>
              <td className="px-3 py-2">{r.service.name}</td>
              <td className="whitespace-nowrap px-3 py-2">{r.requester.name}</td>
              <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-600">{formatInZone(r.windowStart, r.windowTimeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
