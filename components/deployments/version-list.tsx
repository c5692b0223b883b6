"use client";
// A service's versions, newest first, with which is live; choose one and type the alias name to roll
// back to it at once (the server checks the name, the role and the version again).
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
}

export function VersionList({
  serviceId,
  alias,
  crId,
  versions,
  mayRollBack,
  rollback,
}: {
  serviceId: string;
  alias: string;
  crId?: string;
  versions: VersionRow[];
  mayRollBack: boolean;
  rollback: (form: FormData) => Promise<ActionResult<{ id: string }>>;
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
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
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} className="border-t border-slate-100" data-testid={`version-${v.version}`}>
              <td className="py-1.5 font-mono">{v.version}</td>
              <td>{v.description}</td>
              <td className="text-slate-500">{v.lastModified ? v.lastModified.slice(0, 16).replace("T", " ") + " UTC" : "—"}</td>
              <td>{v.liveWeight > 0 ? <span className="rounded bg-green-100 px-1.5 text-xs font-medium text-green-800">live {Math.round(v.liveWeight * 100)} %</span> : ""}</td>
              <td className="text-right">
                {mayRollBack && v.liveWeight < 1 && (
                  <Button variant="secondary" onClick={() => { setChosen(v.version); setTyped(""); setResult(null); }}>
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
            const r = await rollback(new FormData(e.currentTarget));
            if (r.ok) {
              setResult({ done: `Alias ${alias} now serves version ${chosen}.` });
              setChosen(null);
              router.refresh();
            } else setResult({ error: r.error.message });
          }}
        >
          <input type="hidden" name="serviceId" value={serviceId} />
          <input type="hidden" name="targetVersion" value={chosen} />
          {crId && <input type="hidden" name="crId" value={crId} />}
          <p className="text-sm">
            Roll <strong>{alias}</strong> back to version <strong>{chosen}</strong> now? All traffic moves at once. Type the alias name to confirm.
          </p>
          <label className="block text-sm">
            Alias name
            <input name="confirmAlias" value={typed} onChange={(e) => setTyped(e.target.value)} className="ml-2 rounded border border-slate-300 px-2 py-1" autoComplete="off" />
          </label>
          <div className="flex gap-2">
            <Button variant="danger" type="submit" disabled={typed !== alias}>
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
