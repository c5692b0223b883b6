"use client";
// "Roll back" on a finished deployment whose version is live: the same confirmation and the same
// server action as the service page (the production gate decides again on the server).
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { RollbackForm, type RollbackAction } from "./rollback-form";

export interface RollbackOfferView {
  serviceId: string;
  alias: string;
  live: string;
  targets: string[];
  preferred: string;
}

export function DeploymentRollback({ offer, rollback }: { offer: RollbackOfferView; rollback: RollbackAction }) {
  const [target, setTarget] = useState(offer.preferred);
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<{ error?: string; done?: { id: string; version: string } } | null>(null);
  if (result?.done) {
    return (
      <Alert tone="success">
        Alias {offer.alias} now serves version {result.done.version}.{" "}
        <Link className="underline" href={`/deployments/${result.done.id}`}>
          See the rollback
        </Link>
      </Alert>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Version <strong>{offer.live}</strong> is live on <strong>{offer.alias}</strong>. If it misbehaves, put a known-good version back at once — all traffic moves together, no approval needed.
      </p>
      {!asking && (
        <div className="flex flex-wrap items-end gap-2">
          {offer.targets.length > 1 && (
            <label className="text-sm">
              Back to version
              <select className={`${inputClass} mt-1`} value={target} onChange={(e) => setTarget(e.target.value)}>
                {offer.targets.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
          )}
          <Button variant="danger" onClick={() => { setAsking(true); setResult(null); }}>
            Roll back to {target}
          </Button>
        </div>
      )}
      {asking && (
        <RollbackForm
          serviceId={offer.serviceId}
          alias={offer.alias}
          target={target}
          rollback={rollback}
          onDone={(id) => {
            setAsking(false);
            // No refresh: the offer is gone once the version left the alias, and this message should stay.
            setResult({ done: { id, version: target } });
          }}
          onError={(error) => setResult({ error })}
          onCancel={() => setAsking(false)}
        />
      )}
      {result?.error && <Alert tone="error">{result.error}</Alert>}
    </div>
  );
}
