"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";

type Lifecycle = "submit" | "cancel" | "reopen" | "close";
const LABELS: Record<Lifecycle, string> = { submit: "Submit for approval", cancel: "Cancel change", reopen: "Reopen for rework", close: "Close" };

export function LifecycleButtons({
  id,
  version,
  allowed,
  canEdit,
  act,
}: {
  id: string;
  version: number;
  allowed: Lifecycle[];
  canEdit: boolean;
  act: (action: Lifecycle, id: string, version: number) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function run(action: Lifecycle) {
    if (action === "cancel" && !window.confirm("Cancel this change request? This cannot be undone.")) return;
    setPending(true);
    setError(undefined);
    const r = await act(action, id, version);
    setPending(false);
    if (!r.ok) setError(r.error.message);
    router.refresh();
  }
  if (!canEdit && allowed.length === 0) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {canEdit && (
          <Link href={`/changes/${id}/edit`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-slate-50">
            Edit
          </Link>
        )}
        {allowed.map((a) => (
          <Button key={a} variant={a === "cancel" ? "danger" : a === "submit" ? "primary" : "secondary"} disabled={pending} onClick={() => run(a)}>
            {LABELS[a]}
          </Button>
        ))}
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
