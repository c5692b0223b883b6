"use client";
import { useMemo, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { policyFieldErrors } from "@/lib/domain/policy";
import { PolicyForm } from "./policy-form";
import { writePath, type Path } from "./policy-paths";

/**
 * Edits the policy as a form, with the whole policy as JSON under "Advanced": both are the same text,
 * checked as you type with the schema the server checks again on save; each save becomes a new
 * version (CRs already submitted keep theirs).
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
  const problems = parsed.ok ? policyFieldErrors(parsed.value) : { json: `The JSON under Advanced is not valid: ${parsed.message}` };
  const set = (path: Path, value: unknown) => {
    if (parsed.ok) setText(JSON.stringify(writePath(parsed.value, path, value), null, 2));
  };
  const changed = text !== initial;
  return (
    <ActionForm action={save} success="Saved as a new policy version." label="Edit policy">
      <fieldset disabled={!parsed.ok} className="min-w-0">
        {!parsed.ok && <p className="mb-2 text-sm text-amber-800">Fix the JSON under Advanced to edit the form again.</p>}
        <PolicyForm ctx={{ policy: parsed.ok ? parsed.value : null, errors: problems, set }} />
      </fieldset>
      <details className="mt-4 rounded-md border border-slate-200 p-3" open={!parsed.ok}>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Advanced: the whole policy as JSON</summary>
        <p className="mt-1 text-xs text-slate-500">The form above edits this text; the risk questions&apos; weights are edited only here. Both are checked by the same rules.</p>
        <label htmlFor="policy-body" className="mt-2 block text-sm font-medium text-slate-700">
          Whole policy (JSON)
        </label>
        <textarea id="policy-body" name="body" rows={20} spellCheck={false} className={`${inputClass} mt-1 font-mono text-xs`} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={!!problems} />
      </details>
      {problems && (
        <div role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-medium">Fix before saving:</p>
          <ul className="list-disc pl-5">
            {Object.entries(problems).map(([path, message]) => (
              <li key={path}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <label htmlFor="policy-note" className="mt-3 block text-sm font-medium text-slate-700">
        What changed and why
      </label>
      <input id="policy-note" name="note" className={`${inputClass} mt-1`} maxLength={500} />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={!!problems || !changed}>
          Save as new version
        </Button>
        {!changed && <span className="text-xs text-slate-500">Nothing changed yet.</span>}
        {changed && (
          <Button type="button" variant="ghost" onClick={() => setText(initial)}>
            Undo my edits
          </Button>
        )}
      </div>
    </ActionForm>
  );
}
