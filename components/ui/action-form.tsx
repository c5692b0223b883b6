"use client";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Alert } from "./alert";
import { ConfirmDialog, type ConfirmText } from "./confirm-dialog";

/**
 * A plain form posting FormData to a server action that returns an ActionResult. Field errors are
 * shown under the form by name; the typed values stay in place on failure.
 */
export function ActionForm({
  action,
  children,
  success,
  resetOnSuccess = false,
  className = "",
  label,
  confirmFirst,
}: {
  action: (form: FormData) => Promise<ActionResult<unknown>>;
  children: ReactNode;
  success?: string;
  resetOnSuccess?: boolean;
  className?: string;
  label?: string;
  /** A destructive submit (e.g. disabling an account) asks first: the text to show, or null to go ahead. */
  confirmFirst?: (form: FormData) => ConfirmText | null;
}) {
  const router = useRouter();
  const [state, setState] = useState<{ error?: string; fields?: Record<string, string>; done?: boolean }>({});
  const [asking, setAsking] = useState<{ text: ConfirmText; form: HTMLFormElement; data: FormData } | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (formEl: HTMLFormElement, data: FormData) => {
    setPending(true);
    const result = await action(data);
    setPending(false);
    setAsking(null);
    if (result.ok) {
      setState({ done: true });
      if (resetOnSuccess) formEl.reset();
      router.refresh();
    } else {
      setState({ error: result.error.message, fields: result.error.fields });
    }
  };
  return (
    <form
      aria-label={label}
      className={className}
      onSubmit={async (e) => {
        e.preventDefault();
        const formEl = e.currentTarget;
        const data = new FormData(formEl);
        const text = confirmFirst?.(data) ?? null;
        if (text) setAsking({ text, form: formEl, data });
        else await submit(formEl, data);
      }}
    >
      {confirmFirst && <ConfirmDialog text={asking?.text ?? null} pending={pending} error={null} onConfirm={() => asking && void submit(asking.form, asking.data)} onCancel={() => setAsking(null)} />}
      {children}
      {state.error && (
        <div className="mt-2">
          <Alert tone="error">
            {state.error}
            {state.fields && Object.keys(state.fields).length > 1 && (
              <ul className="mt-1 list-disc pl-5">
                {Object.entries(state.fields).map(([k, v]) => (
                  <li key={k}>
                    {k}: {v}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        </div>
      )}
      {state.done && success && !state.error && (
        <div className="mt-2">
          <Alert tone="success">{success}</Alert>
        </div>
      )}
    </form>
  );
}
