"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import type { SamPreview } from "@/lib/domain/sam/sam-proposal";
import { SamProposalReview, type Choice } from "./sam-proposal-review";

interface Props {
  preview: (input: unknown) => Promise<ActionResult<SamPreview>>;
  save: (input: unknown) => Promise<ActionResult<{ id: string; name: string }[]>>;
}

/** Paste or upload → review (the server reads the template) → save the chosen functions together. */
export function SamImport({ preview, save }: Props) {
  const router = useRouter();
  const [source, setSource] = useState({ template: "", stackName: "", awsRegion: "us-east-1" });
  // The template as reviewed: saved as shown, even if the text box is edited afterwards.
  const [result, setResult] = useState<{ preview: SamPreview; source: typeof source; id: number } | null>(null);
  const [error, setError] = useState<{ message: string; notImported?: string[]; fields?: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);

  async function review() {
    setBusy(true);
    const r = await preview(source);
    setBusy(false);
    if (r.ok) return (setResult({ preview: r.data, source, id: (result?.id ?? 0) + 1 }), setError(null));
    setResult(null);
    const details = r.error.details as { notImported?: string[] } | undefined;
    setError({ message: r.error.message, notImported: details?.notImported, fields: r.error.fields });
  }

  async function register(choices: Choice[]) {
    if (!result) return;
    setBusy(true);
    const r = await save({ ...result.source, services: choices });
    setBusy(false);
    if (!r.ok) return setError({ message: r.error.message, fields: r.error.fields });
    const [first] = r.data;
    router.push(r.data.length === 1 && first ? `/services/${first.id}` : "/services");
  }

  const set = (k: keyof typeof source) => (e: { target: { value: string } }) => setSource({ ...source, [k]: e.target.value });
  return (
    <div className="space-y-4">
      <Card title="Template">
        <div className="space-y-3">
          <Field label="SAM or CloudFormation template (YAML or JSON)" htmlFor="sam-template" hint="Short-form tags (!Ref, !GetAtt, !Sub, …) are understood.">
            <textarea id="sam-template" rows={12} className={`${inputClass} font-mono`} value={source.template} onChange={set("template")} spellCheck={false} />
          </Field>
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label="…or upload a file" htmlFor="sam-file">
              <input id="sam-file" type="file" accept=".yaml,.yml,.json,.template" className="text-sm" onChange={async (e) => {
                const f = e.target.files?.[0];
                if (f) setSource({ ...source, template: await f.text() });
              }} />
            </Field>
            <Field label="Stack name" htmlFor="sam-stack" hint="Resolves ${AWS::StackName} in names, as CloudFormation would.">
              <input id="sam-stack" className={inputClass} value={source.stackName} onChange={set("stackName")} />
            </Field>
            <Field label="AWS region" htmlFor="sam-region" error={error?.fields?.awsRegion}>
              <input id="sam-region" className={inputClass} value={source.awsRegion} onChange={set("awsRegion")} />
            </Field>
          </div>
          <Button type="button" onClick={review} disabled={busy || source.template.trim() === ""}>Review</Button>
        </div>
      </Card>
      {error && (
        <Alert tone="error">
          {error.message}
          {error.notImported && error.notImported.length > 0 && (
            <ul className="mt-1 list-disc pl-5">{error.notImported.map((n) => <li key={n}>{n}</li>)}</ul>
          )}
        </Alert>
      )}
      {result && <SamProposalReview key={result.id} preview={result.preview} busy={busy} fieldErrors={error?.fields} onSave={register} />}
    </div>
  );
}
