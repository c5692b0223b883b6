"use client";
// A service's versions, newest first, with which is live and which are known-good; roll back to a
// known-good one by giving a reason and typing the alias name (the server's production gate checks
// the name, the person, the reason and the version again). Other versions are deploys: file a change.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export interface VersionRow {
  version: string;
  description: string;
  lastModified: string | null;
  liveWeight: number;
  /** Why it is known-good, or null when it is not. */
  knownGood: string | null;
  /** Whether a rollback may go to it now (known-good and not already live alone). */
  rollbackTarget: boolean;
}

export function VersionList({
  serviceId,
  alias,
  versions,
  mayRollBack,
  rollback,
}: {
  serviceId: string;
  alias: string;
  versions: VersionRow[];
  mayRollBack: boolean;
  rollback: (form: FormData) => Promise<ActionResult<{ id: string }>>;
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  // "Problem seen at" in the browser's local time; sent as an instant (ISO) so no zone is guessed.
  const [seen, setSeen] = useState("");
  const [result, setResult] = useState<{ error?: string; done?: string } | null>(null);
  return (
    <div className="space-y-3">
      <table className="w-full text-sm" aria-label="Versions">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1">Version</th>
            <th>Description</th>
            <th>Last modified</th>
            <th>Live</th>
            <th>Known good</th>
            <th className="sr-only">Action</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} className={`border-t border-slate-100 ${chosen === v.version ? "bg-amber-50" : ""}`} data-testid={`version-${v.version}`}>
              <td className="py-1.5 font-mono">{v.version}</td>
              <td>{v.description}</td>
              <td className="text-slate-500">{v.lastModified ? v.lastModified.slice(0, 16).replace("T", " ") + " UTC" : "—"}</td>
              <td>{v.liveWeight > 0 ? <span className="rounded bg-green-100 px-1.5 text-xs font-medium text-green-800">live {Math.round(v.liveWeight * 100)} %</span> : ""}</td>
              <td className="text-xs text-slate-600">{v.knownGood ? <span><span className="font-medium text-green-700">✓</span> {v.knownGood}</span> : <span className="text-slate-500">—</span>}</td>
              <td className="text-right">
                {mayRollBack && v.rollbackTarget && (
                  <Button variant="secondary" onClick={() => { setChosen(v.version); setTyped(""); setReason(""); setSeen(localNow()); setResult(null); }}>
                    Roll back to {v.version}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {chosen && (
        <form
          aria-label="Confirm rollback"
          className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const at = new Date(seen);
            form.set("problemSeenAt", seen && !Number.isNaN(at.getTime()) ? at.toISOString() : seen);
            const r = await rollback(form);
            if (r.ok) {
              setResult({ done: `Alias ${alias} now serves version ${chosen}.` });
              setChosen(null);
              router.refresh();
            } else setResult({ error: r.error.message });
          }}
        >
          <input type="hidden" name="serviceId" value={serviceId} />
          <input type="hidden" name="targetVersion" value={chosen} />
          <p className="text-sm">
            Roll <strong>{alias}</strong> back to version <strong>{chosen}</strong> now? All traffic moves at once. Say why, and type the alias name to confirm.
          </p>
          <label className="block text-sm">
            Reason
            <textarea name="reason" autoFocus value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} required className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" placeholder="What went wrong with the version now live" />
          </label>
          <label className="block text-sm">
            Problem seen at <span className="text-slate-500">(your local time; when the problem was first noticed — the delivery metrics measure time to rollback from it)</span>
            <input type="datetime-local" value={seen} max={localNow()} onChange={(e) => setSeen(e.target.value)} required className="ml-2 rounded border border-slate-300 px-2 py-1" />
          </label>
          <label className="block text-sm">
            Alias name <span className="text-slate-500">(type {alias})</span>
            <input name="confirmAlias" value={typed} onChange={(e) => setTyped(e.target.value)} className="ml-2 rounded border border-slate-300 px-2 py-1" autoComplete="off" />
          </label>
          <div className="flex gap-2">
            <Button variant="danger" type="submit" disabled={typed !== alias || reason.trim() === ""}>
              Roll back now
            </Button>
            <Button variant="ghost" type="button" onClick={() => setChosen(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {result?.error && <Alert tone="error">{result.error}</Alert>}
      {result?.done && <Alert tone="success">{result.done}</Alert>}
    </div>
  );
}

/** Now as a datetime-local value in the browser's zone ("2026-03-29T14:05"). */
function localNow(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
