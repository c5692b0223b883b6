import Link from "next/link";
import { formatInZone } from "@/lib/domain/local-time";
import { FLAG_CHANGE_LABELS } from "./flag-labels";

export interface FlagHistoryEntry {
  id: string;
  at: Date;
  kind: string;
  actor: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  crId: string | null;
  deploymentId: string | null;
  version: number | null;
}

/** Every change Changegate recorded for the flag, newest first. */
export function FlagHistory({ entries, zone }: { entries: FlagHistoryEntry[]; zone: string }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">No changes recorded.</p>;
  return (
    <ol className="divide-y divide-slate-100 text-sm" aria-label="Flag history">
      {entries.map((e) => (
        <li key={e.id} className="py-2">
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className={`font-medium ${e.kind === "DRIFT" || e.kind === "KILLED" || e.kind === "ROLLED_BACK" ? "text-amber-800" : ""}`}>{FLAG_CHANGE_LABELS[e.kind] ?? e.kind}</span>
            <span>
              {e.kind === "DRIFT" ? `SSM held ${e.after ?? "?"}` : e.before ? `${e.before} → ${e.after ?? "?"}` : e.after}
            </span>
            <span className="text-slate-500">
              {e.kind !== "DRIFT" && <>· {e.actor} </>}· {formatInZone(e.at, zone)}
              {e.version !== null && ` · SSM version ${e.version}`}
            </span>
          </div>
          {(e.reason || e.crId || e.deploymentId) && (
            <p className="text-xs text-slate-600">
              {e.reason && <>Why: {e.reason} </>}
              {e.crId && <Link className="text-indigo-700 hover:underline" href={`/changes/${e.crId}`}>change request</Link>}
              {e.crId && e.deploymentId && " · "}
              {e.deploymentId && <Link className="text-indigo-700 hover:underline" href={`/deployments/${e.deploymentId}`}>rollout</Link>}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** SSM's own version list: who wrote each version and whether it was Changegate. */
export function SsmVersions({ versions, zone }: { versions: { version: number; at: Date | null; user: string; holds: string; ours: boolean }[]; zone: string }) {
  if (versions.length === 0) return <p className="text-sm text-slate-500">SSM holds no versions.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label="SSM parameter history">
      <thead className="text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 pr-3">Version</th>
          <th className="py-1 pr-3">Held</th>
          <th className="py-1 pr-3">Written by</th>
          <th className="py-1">When</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {versions.map((v) => (
          <tr key={v.version}>
            <td className="py-1 pr-3 font-mono">{v.version}</td>
            <td className="py-1 pr-3">{v.holds}</td>
            <td className="py-1 pr-3">
              {v.ours ? "Changegate" : <span className="text-amber-800">outside Changegate</span>} <span className="font-mono text-xs text-slate-500">{v.user.split(":").at(-1)}</span>
            </td>
            <td className="py-1">{v.at ? formatInZone(v.at, zone) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
