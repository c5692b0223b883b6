"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";

/** The on-call engineer's "I am present for this deploy" (High risk requires it). */
export function OnCallConfirm({ crId, confirmedAt, confirm }: { crId: string; confirmedAt: string | null; confirm: (id: string) => Promise<ActionResult<unknown>> }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-2 text-sm">
      <p className="text-slate-600">{confirmedAt ? `You confirmed your presence at ${confirmedAt}.` : "You are this change's on-call engineer."}</p>
      <Button
        variant="secondary"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const r = await confirm(crId);
          setPending(false);
          setError(r.ok ? undefined : r.error.message);
          router.refresh();
        }}
      >
        {confirmedAt ? "Confirm presence again" : "Confirm I am present"}
      </Button>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
