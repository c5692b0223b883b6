import { Badge } from "@/components/ui/badge";
import { CardLabels, cardTable } from "@/components/ui/card-table";
import { strategyWords } from "@/lib/domain/strategy-names";
import { approverWords } from "@/lib/domain/vocabulary";
import { isAmbiguousLocal, utcOffsetLabel, zoneOffsets } from "@/lib/domain/local-time";
import { durationSeconds, formatDuration, localFormatter, outcomeLabel, outcomeTone, type HistoryRow } from "@/lib/domain/history-row";
import { changePath } from "@/lib/domain/cr-number";

// Cell styles are set once on the table by column (arbitrary variants) rather than on each of the
// 500 cells: the page's HTML and its React payload both carry every class string, and rendering
// costs CPU per byte. Columns: 1 service, 2 change, 3 requester, 4 approvers, 5 strategy,
// 6 version, 7 start, 8 end, 9 duration, 10 outcome.
const COLUMNS = ["Service", "Change", "Requester", "Approvers", "Strategy", "Version", "Start", "End", "Duration", "Outcome"] as const;
const TABLE = [
  "card-table min-w-full text-sm [&_th]:px-3 [&_th]:py-2 [&_td]:px-3 [&_td]:py-2 [&_td]:align-top [&_tr:hover]:bg-slate-50",
  "[&_td:nth-child(2)]:text-xs [&_td:nth-child(n+4)]:text-xs [&_td:nth-child(10)]:text-sm",
  "[&_td:nth-child(2)]:font-mono [&_td:nth-child(6)]:font-mono",
  "[&_td:nth-child(2)]:whitespace-nowrap [&_td:nth-child(6)]:whitespace-nowrap [&_td:nth-child(9)]:whitespace-nowrap",
  "[&_a]:text-indigo-700 [&_a:hover]:underline [&_td:first-child_a]:font-medium",
  "[&_small]:mt-0.5 [&_small]:block [&_small]:max-w-xs [&_small]:text-xs [&_small]:text-slate-600",
].join(" ");

/**
 * Plain links rather than next/link: fifty client components per page would each be rendered,
 * serialised and hydrated, and would prefetch fifty deployment pages as they scroll into view.
 */
export function HistoryTable({ rows, zone }: { rows: HistoryRow[]; zone: string }) {
  // One formatter for the starts and one for the ends: each remembers the zone's offset for the last
  // 15-minute slot it saw, and a row's start and end alternating through one made it look the offset
  // up again for almost every cell.
  const [wallStart, wallEnd] = [localFormatter(zone), localFormatter(zone)];
  // A wall time in the hour repeated when clocks go back names two instants: add the offset there.
  const offsetAt = zoneOffsets(zone);
  const local = (d: Date | null, wall: (d: Date | null) => string) => (d && isAmbiguousLocal(d, zone, offsetAt) ? `${wall(d)} ${utcOffsetLabel(d, zone)}` : wall(d));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <CardLabels name="history" labels={COLUMNS} />
      <table {...cardTable("history")} className={TABLE} aria-label="Deployments">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const started = local(r.startedAt, wallStart);
            return (
              <tr key={r.id} data-deployment-id={r.id}>
                <td>
                  <a href={`/deployments/${r.id}`} aria-label={`Timeline of ${r.serviceName} ${r.fromVersion} → ${r.toVersion}, started ${started}`}>
                    {r.serviceName}
                  </a>
                  <small>{r.teamName}</small>
                </td>
                <td>{r.crNumber ? <a href={changePath(r.crNumber)}>{r.crNumber}</a> : "—"}</td>
                <td>{r.requesterName ?? "—"}</td>
                <td>{r.approvers.length > 0 ? r.approvers.map(approverWords).join(", ") : "—"}</td>
                <td>{strategyWords(r.strategy)}</td>
                <td>{`${r.fromVersion} → ${r.toVersion}`}</td>
                <td>{started}</td>
                <td>{local(r.finishedAt, wallEnd) || "—"}</td>
                <td>{formatDuration(durationSeconds(r))}</td>
                <td>
                  <Badge tone={outcomeTone(r.outcome)}>{outcomeLabel(r)}</Badge>
                  {r.reason && <small>{r.reason}</small>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
