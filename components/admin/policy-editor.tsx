"use client";
import { useMemo, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { policyFieldErrors } from "@/lib/domain/policy";
import { PolicyKeySettings, writePath } from "./policy-key-settings";

/**
 * Edits the policy: the key settings as fields, everything as JSON, checked as you type with the same
 * schema the server uses; each save becomes a new version (CRs already submitted keep theirs).
 */
export function PolicyEditor({ initial, save }: { initial: string; save: (f: FormData) => Promise<ActionResult<unknown>> }) {
  const [text, setText] = useState(initial);
  const parsed = useMemo(() => {
    try {
      return { ok: true as const, value: JSON.parse(text) as unknown };
    } catch (e) {
      return { ok: false as const, message: (e as Error).message };
    }
  }, [text]);
  const problems = parsed.ok ? policyFieldErrors(parsed.value) : { json: `Not valid JSON: ${parsed.message}` };
  const setField = (path: readonly string[], value: unknown) => {
    if (parsed.ok) setText(JSON.stringify(writePath(parsed.value, path, value), null, 2));
  };
  return (
    <ActionForm action={save} success="Saved as a new policy version." label="Edit policy">
      <PolicyKeySettings policy={parsed.ok ? parsed.value : null} errors={problems} onChange={setField} />
      <label htmlFor="policy-body" className="mt-4 block text-sm font-medium text-slate-700">
        Whole policy (JSON)
      </label>
      <p className="text-xs text-slate-500">The fields above edit this text; every other setting is edited here.</p>
      <textarea id="policy-body" name="body" rows={24} spellCheck={false} className={`${inputClass} mt-1 font-mono text-xs`} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={!!problems} />
      {problems && (
        <div role="alert" className="mt-2 text-sm text-red-700">
          <p className="font-medium">Fix before saving:</p>
          <ul className="list-disc pl-5">
            {Object.entries(problems).map(([path, message]) => (
              <li key={path}>
                {message} <code className="text-xs text-red-500">({path})</code>
              </li>
            ))}
          </ul>
        </div>
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
