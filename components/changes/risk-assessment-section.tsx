"use client";
import { useFormContext } from "react-hook-form";
import { Card } from "@/components/ui/card";
import type { Policy } from "@/lib/domain/policy";
import { isBelowSuggestion, RISK_QUESTIONS, suggestRisk, unansweredQuestions } from "@/lib/domain/risk-assessment";
import { RISK_LABELS } from "@/lib/domain/vocabulary";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";
import { TextArea } from "./form-controls";

/**
 * The risk questionnaire: the policy's weights turn the answers into a suggested level, live. The
 * requester may choose higher freely; lower needs a justification the CAB reads on the agenda
 * (the shared schema enforces it on both sides).
 */
export function RiskAssessmentSection({ riskPolicy }: { riskPolicy: Pick<Policy, "riskAssessment"> }) {
  const { register, watch, formState } = useFormContext<ChangeRequestFields>();
  const answers = watch("riskAnswers");
  const chosen = watch("risk");
  const suggestion = suggestRisk(answers, riskPolicy);
  const below = isBelowSuggestion(chosen, suggestion.level);
  const error = formState.errors.riskJustification?.message;
  const answerErrors = formState.errors.riskAnswers as Record<string, { message?: string } | undefined> | undefined;
  const open = unansweredQuestions(answers);
  return (
    <Card title="Risk assessment">
      <p className="mb-3 text-xs text-slate-500">
        Answer each question (none is pre-selected): the answers suggest the risk level with the policy&apos;s weights, and the CAB reads them.
        A draft may leave questions open; submitting needs all of them.
      </p>
      <div className="grid gap-x-6 gap-y-3 md:grid-cols-2">
        {RISK_QUESTIONS.map((q) => (
          <fieldset key={q.id}>
            <legend className="text-sm font-medium text-slate-700">{q.label}</legend>
            <p className="text-xs text-slate-500">{q.help}</p>
            <div className="mt-1 space-y-0.5">
              {q.options.map((o) => (
                <label key={o.value} className="flex items-center gap-1.5 text-sm">
                  <input type="radio" value={o.value} {...register(`riskAnswers.${q.id}` as const)} />
                  {o.label}
                </label>
              ))}
            </div>
            {answerErrors?.[q.id]?.message && <p role="alert" className="mt-1 text-sm text-red-600">{answerErrors[q.id]?.message}</p>}
          </fieldset>
        ))}
      </div>
      <div className="mt-4 rounded-md bg-slate-50 p-3 text-sm" data-testid="risk-suggestion">
        {open.length > 0 && (
          <p className="mb-1 text-amber-800" data-testid="risk-open">
            {open.length} of {RISK_QUESTIONS.length} questions not answered yet: {open.map((q) => q.label).join(", ")}.
          </p>
        )}
        <p>
          {open.length > 0 ? "Suggested so far" : "Suggested risk"}: <strong>{RISK_LABELS[suggestion.level]}</strong> (score {suggestion.score}; Medium from{" "}
          {riskPolicy.riskAssessment.mediumAt}, High from {riskPolicy.riskAssessment.highAt}). You chose{" "}
          <strong>{RISK_LABELS[chosen]}</strong>.
        </p>
        {suggestion.reasons.length > 0 && <p className="mt-1 text-xs text-slate-500">{suggestion.reasons.join(" · ")}</p>}
      </div>
      {(below || error) && (
        <div className="mt-3">
          <TextArea name="riskJustification" label="Why is the risk lower than suggested? (the CAB sees this)" rows={2} error={error} />
        </div>
      )}
    </Card>
  );
}
