"use client";
// "Deploy" on a CR: enabled only when readiness says so; otherwise the reasons are listed under it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function DeployButton({
  crId,
  canDeploy,
  reasons,
  warnings,
  start,
  verb = "Deploy",
}: {
  crId: string;
  canDeploy: boolean;
  reasons: string[];
  warnings: string[];
  start: (crId: string) => Promise<ActionResult<{ id: string }>>;
  /** "Apply" for a flag change. */
  verb?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <Button
        disabled={!canDeploy || busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const r = await start(crId);
          if (r.ok) router.push(`/deployments/${r.data.id}`);
          else {
            setError(r.error.message);
            setBusy(false);
          }
        }}
      >
        {busy ? "Starting…" : verb}
      </Button>
      {!canDeploy && reasons.length > 0 && (
        <div className="text-sm text-slate-600">
          <p className="font-medium">{verb === "Deploy" ? "Not yet deployable:" : `Cannot ${verb.toLowerCase()} yet:`}</p>
          <ul className="list-disc pl-5" aria-label="Why this change cannot deploy yet">
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {canDeploy && warnings.length > 0 && <Alert tone="warning">{warnings.join("; ")}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
