import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { durationSeconds, formatDuration, localFormatter, outcomeLabel, outcomeTone, type HistoryRow } from "@/lib/domain/history-row";

export function HistoryTable({ rows, zone }: { rows: HistoryRow[]; zone: string }) {
  const local = localFormatter(zone);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" aria-label="Deployments">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Service</th>
            <th className="px-3 py-2">Change</th>
            <th className="px-3 py-2">Requester</th>
            <th className="px-3 py-2">Approvers</th>
            <th className="px-3 py-2">Strategy</th>
            <th className="px-3 py-2">Version</th>
            <th className="px-3 py-2">Start</th>
            <th className="px-3 py-2">End</th>
            <th className="px-3 py-2">Duration</th>
            <th className="px-3 py-2">Outcome</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className="align-top hover:bg-slate-50" data-deployment-id={r.id}>
              <td className="px-3 py-2">
                <Link href={`/deployments/${r.id}`} className="font-medium text-indigo-700 hover:underline" aria-label={`Timeline of ${r.serviceName} ${r.fromVersion} → ${r.toVersion}, started ${local(r.startedAt)}`}>
                  {r.serviceName}
                </Link>
                <div className="text-xs text-slate-500">{r.teamName}</div>
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                {r.crId ? (
                  <Link href={`/changes/${r.crId}`} className="text-indigo-700 hover:underline">
                    {r.crNumber}
                  </Link>
                ) : (
                  <span className="text-slate-400">none</span>
                )}
              </td>
              <td className="px-3 py-2">{r.requesterName ?? "—"}</td>
              <td className="px-3 py-2 text-xs">{r.approvers.length > 0 ? r.approvers.join(", ") : "—"}</td>
              <td className="px-3 py-2 text-xs">{r.strategy}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                {r.fromVersion} → {r.toVersion}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-xs">{local(r.startedAt)}</td>
              <td className="whitespace-nowrap px-3 py-2 text-xs">{local(r.finishedAt) || "—"}</td>
              <td className="whitespace-nowrap px-3 py-2 text-xs">{formatDuration(durationSeconds(r))}</td>
              <td className="px-3 py-2">
                <Badge tone={outcomeTone(r.outcome)}>{outcomeLabel(r)}</Badge>
                {r.reason && <div className="mt-0.5 max-w-xs text-xs text-slate-600">{r.reason}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
