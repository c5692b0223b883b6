"use client";
// Destructive actions behind a confirmation: a modal that says what will happen, whose confirm
// button alone runs the action (the server action still checks permission itself).
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Alert } from "./alert";
import { Button } from "./button";

export interface ConfirmText {
  title: string;
  /** What will happen, in words. */
  body: ReactNode;
  /** The confirm button, e.g. "Revoke token". */
  confirm: string;
}

/** The modal itself, open while `text` is given. */
export function ConfirmDialog({ text, pending, error, onConfirm, onCancel }: { text: ConfirmText | null; pending: boolean; error: string | null; onConfirm: () => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (text && !d.open) d.showModal();
    if (!text && d.open) d.close();
  }, [text]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 text-left shadow-xl backdrop:bg-slate-900/40"
      // Escape closes the native dialog: keep the state in step.
      onClose={() => text && onCancel()}
    >
      {text && (
        <div className="space-y-3 p-4">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {text.title}
          </h2>
          <div className="text-sm text-slate-700">{text.body}</div>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" onClick={onCancel} autoFocus>
              Cancel
            </Button>
            <Button type="button" variant="danger" disabled={pending} onClick={onConfirm}>
              {pending ? "Working…" : text.confirm}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}

/** A button that asks first, then posts `fields` to the server action. */
export function ConfirmAction({
  action,
  fields,
  trigger,
  text,
  triggerVariant = "danger",
  triggerLabel,
}: {
  action: (form: FormData) => Promise<ActionResult<unknown>>;
  fields: Record<string, string>;
  trigger: string;
  text: ConfirmText;
  triggerVariant?: "danger" | "secondary" | "ghost";
  /** Accessible name when the visible text alone is ambiguous in a list ("Revoke pipeline-main"). */
  triggerLabel?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setPending(true);
    setError(null);
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const result = await action(form);
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setOpen(false);
    router.refresh();
  };
  return (
    <>
      <Button type="button" variant={triggerVariant} aria-haspopup="dialog" aria-label={triggerLabel} onClick={() => setOpen(true)}>
        {trigger}
      </Button>
      <ConfirmDialog
        text={open ? text : null}
        pending={pending}
        error={error}
        onConfirm={run}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
      />
    </>
  );
}
