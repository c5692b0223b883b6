"use client";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Alert } from "./alert";

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
}: {
  action: (form: FormData) => Promise<ActionResult<unknown>>;
  children: ReactNode;
  success?: string;
  resetOnSuccess?: boolean;
  className?: string;
  label?: string;
}) {
  const router = useRouter();
  const [state, setState] = useState<{ error?: string; fields?: Record<string, string>; done?: boolean }>({});
  return (
    <form
      aria-label={label}
      className={className}
      onSubmit={async (e) => {
        e.preventDefault();
        const formEl = e.currentTarget;
        const result = await action(new FormData(formEl));
        if (result.ok) {
          setState({ done: true });
          if (resetOnSuccess) formEl.reset();
          router.refresh();
        } else {
          setState({ error: result.error.message, fields: result.error.fields });
        }
      }}
    >
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
