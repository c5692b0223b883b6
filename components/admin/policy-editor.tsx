"use client";
import { useMemo, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { policyFieldErrors } from "@/lib/domain/policy";

/**
 * Edits the policy as JSON, checked as you type with the same schema the server uses; each save
 * becomes a new version (CRs already submitted keep theirs).
 */
export function PolicyEditor({ initial, save }: { initial: string; save: (f: FormData) => Promise<ActionResult<unknown>> }) {
  const [text, setText] = useState(initial);
  const problems = useMemo(() => {
    try {
      return policyFieldErrors(JSON.parse(text));
    } catch (e) {
      return { json: `Not valid JSON: ${(e as Error).message}` };
    }
  }, [text]);
  return (
    <ActionForm action={save} success="Saved as a new policy version." label="Edit policy">
      <label htmlFor="policy-body" className="block text-sm font-medium text-slate-700">
        Policy (JSON)
      </label>
      <textarea id="policy-body" name="body" rows={24} spellCheck={false} className={`${inputClass} mt-1 font-mono text-xs`} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={!!problems} />
      {problems && (
        <ul role="alert" className="mt-2 list-disc pl-5 text-sm text-red-700">
          {Object.entries(problems).map(([path, message]) => (
            <li key={path}>
              <code className="text-xs">{path}</code>: {message}
            </li>
          ))}
        </ul>
      )}
      <label htmlFor="policy-note" className="mt-3 block text-sm font-medium text-slate-700">
        What changed and why
      </label>
      <input id="policy-note" name="note" className={`${inputClass} mt-1`} maxLength={500} />
      <Button type="submit" className="mt-3" disabled={!!problems}>
        Save as new version
      </Button>
    </ActionForm>
  );
}
