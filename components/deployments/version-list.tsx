"use client";
// A service's versions, newest first, with which is live and which are known-good; roll back to a
// known-good one by giving a reason and typing the alias name (the server's production gate checks
// the name, the person, the reason and the version again). Other versions are deploys: file a change.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RollbackForm, type RollbackAction } from "./rollback-form";

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
  rollback: RollbackAction;
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string | null>(null);
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
                  <Button variant="secondary" onClick={() => { setChosen(v.version); setResult(null); }}>
                    Roll back to {v.version}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {chosen && (
        <RollbackForm
          key={chosen}
          serviceId={serviceId}
          alias={alias}
          target={chosen}
          rollback={rollback}
          onDone={() => {
            setResult({ done: `Alias ${alias} now serves version ${chosen}.` });
            setChosen(null);
            router.refresh();
          }}
          onError={(error) => setResult({ error })}
          onCancel={() => setChosen(null)}
        />
      )}
      {result?.error && <Alert tone="error">{result.error}</Alert>}
      {result?.done && <Alert tone="success">{result.done}</Alert>}
    </div>
  );
}
