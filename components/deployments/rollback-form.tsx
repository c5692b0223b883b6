"use client";
// The confirmation of a manual rollback, shared by the service page and the deployment page: a
// reason, when the problem was seen, and the alias name typed. The server's production gate checks
// the name, the person, the reason and the version again.
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "@/components/ui/button";

export type RollbackAction = (form: FormData) => Promise<ActionResult<{ id: string }>>;

export function RollbackForm({
  serviceId,
  alias,
  target,
  rollback,
  onDone,
  onError,
  onCancel,
}: {
  serviceId: string;
  alias: string;
  target: string;
  rollback: RollbackAction;
  onDone: (id: string) => void;
  onError: (message: string) => void;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  // "Problem seen at" in the browser's local time; sent as an instant (ISO) so no zone is guessed.
  const [seen, setSeen] = useState(localNow);
  // Left as shown it means "now", which the server takes from its own clock: a laptop clock minutes
  // slow would otherwise put the problem before the deployment it is about.
  const [seenChanged, setSeenChanged] = useState(false);
  const [pending, setPending] = useState(false);
  return (
    <form
      aria-label="Confirm rollback"
      className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const at = new Date(seen);
        form.set("problemSeenAt", !seenChanged ? "" : seen && !Number.isNaN(at.getTime()) ? at.toISOString() : seen);
        setPending(true);
        const r = await rollback(form);
        setPending(false);
        if (r.ok) onDone(r.data.id);
        else onError(r.error.message);
      }}
    >
      <input type="hidden" name="serviceId" value={serviceId} />
      <input type="hidden" name="targetVersion" value={target} />
      <p className="text-sm">
        Roll <strong>{alias}</strong> back to version <strong>{target}</strong> now? All traffic moves at once. Say why, and type the alias name to confirm.
      </p>
      <label className="block text-sm">
        Reason
        <textarea name="reason" autoFocus value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} required className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" placeholder="What went wrong with the version now live" />
      </label>
      <label className="block text-sm">
        Problem seen at <span className="text-slate-600">(your local time; when the problem was first noticed — the delivery metrics measure time to rollback from it)</span>
        <input type="datetime-local" value={seen} max={localNow()} onChange={(e) => {
            setSeen(e.target.value);
            setSeenChanged(true);
          }} required className="mt-1 block rounded border border-slate-300 px-2 py-1 sm:ml-2 sm:mt-0 sm:inline-block" />
      </label>
      <label className="block text-sm">
        Alias name <span className="text-slate-600">(type {alias})</span>
        <input name="confirmAlias" value={typed} onChange={(e) => setTyped(e.target.value)} className="mt-1 block rounded border border-slate-300 px-2 py-1 sm:ml-2 sm:mt-0 sm:inline-block" autoComplete="off" />
      </label>
      <div className="flex gap-2">
        <Button variant="danger" type="submit" disabled={pending || typed !== alias || reason.trim() === ""}>
          Roll back now
        </Button>
        <Button variant="ghost" type="button" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Now as a datetime-local value in the browser's zone ("2026-03-29T14:05"). */
function localNow(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
