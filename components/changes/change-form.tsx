"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { FormProvider, useForm, type FieldPath, type Resolver } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import { changeRequestSchema, type ChangeRequestFields } from "@/lib/schemas/change-request";
import { ChangeFormSections, type FormChoices } from "./change-form-sections";
import { DEFAULT_POLICY, type Policy } from "@/lib/domain/policy";
import { changePath } from "@/lib/domain/cr-number";

type SaveResult = ActionResult<{ id: string; number: string }>;
export type SaveChange = (values: unknown, opts: { submit: boolean; id?: string; version?: number }) => Promise<SaveResult>;

export function ChangeForm({
  initial,
  choices,
  save,
  existing,
  riskPolicy = DEFAULT_POLICY,
}: {
  initial: ChangeRequestFields;
  choices: FormChoices;
  save: SaveChange;
  existing?: { id: string; version: number; number: string; submitted: boolean };
  /** The policy in force: its weights suggest the risk level, as the server will compute it. */
  riskPolicy?: Pick<Policy, "riskAssessment">;
}) {
  const router = useRouter();
  // The form mirrors the server's per-kind rule (a version number for Lambda, family:revision and
  // ROLLING for ECS); the server decides with the service it reads.
  const schema = useMemo(() => {
    const kinds = new Map(choices.services.map((s) => [s.id, s.kind]));
    return changeRequestSchema(() => new Date(), riskPolicy, (id) => kinds.get(id));
  }, [riskPolicy, choices.services]);
  // The schema's defaults make riskAnswers optional on input (for CI callers); the form always has them.
  const resolver = zodResolver(schema) as unknown as Resolver<ChangeRequestFields>;
  const methods = useForm<ChangeRequestFields>({ defaultValues: initial, resolver, mode: "onTouched" });
  const [formError, setFormError] = useState<string>();
  const [pending, setPending] = useState(false);
  // One id per form: a double-clicked submit reaches the server twice but creates one CR.
  const [requestId] = useState(() => (typeof crypto !== "undefined" ? crypto.randomUUID() : undefined));

  async function send(values: ChangeRequestFields, submit: boolean) {
    if (pending) return;
    setPending(true);
    setFormError(undefined);
    const result = await save(
      { ...values, clientRequestId: existing ? undefined : requestId },
      { submit, id: existing?.id, version: existing?.version },
    );
    setPending(false);
    if (result.ok) {
      router.push(changePath(result.data.number));
      router.refresh();
      return;
    }
    // The server said no: show its words at the fields, keep everything the user typed.
    for (const [path, message] of Object.entries(result.error.fields ?? {})) {
      methods.setError(path as FieldPath<ChangeRequestFields>, { type: "server", message });
    }
    setFormError(result.error.message);
  }

  const onSubmit = methods.handleSubmit((v) => send(v, true), () => setFormError("Please fix the highlighted fields."));
  const onSaveDraft = () => send(methods.getValues(), false);

  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label="Change request">
        {existing?.submitted && (
          <Alert tone="warning">
            This change was already submitted. Changing its service, version, risk level, strategy, implementation plan or
            window resets the approvals given so far: the CAB (and the CTO for High risk) must approve it again.
          </Alert>
        )}
        {formError && <Alert tone="error">{formError}</Alert>}
        <ChangeFormSections choices={choices} riskPolicy={riskPolicy} />
        <div className="sticky bottom-0 flex gap-3 border-t border-slate-200 bg-slate-50/95 py-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : existing?.submitted ? "Save changes" : "Submit for approval"}
          </Button>
          {!existing?.submitted && (
            <Button type="button" variant="secondary" disabled={pending} onClick={onSaveDraft}>
              Save draft
            </Button>
          )}
        </div>
      </form>
    </FormProvider>
  );
}
