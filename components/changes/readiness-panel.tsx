import { Card } from "@/components/ui/card";
import type { Readiness } from "@/lib/domain/readiness";
import type { ChecklistRow } from "@/lib/domain/readiness-checklist";
import { RISK_LABELS, type RiskLevel } from "@/lib/domain/vocabulary";

/**
 * The approval matrix for the CR's risk as a checklist, and the verdict of evaluateReadiness:
 * "may deploy", or every missing item in words.
 */
export function ReadinessPanel({ risk, emergency = false, policyVersion, rows, readiness }: { risk: RiskLevel; emergency?: boolean; policyVersion: number; rows: ChecklistRow[]; readiness: Readiness }) {
  return (
    <Card title={emergency ? `Emergency change (${RISK_LABELS[risk]} risk): what it needs` : `${RISK_LABELS[risk]} risk: what this change needs`} actions={<span className="text-xs text-slate-500">policy v{policyVersion}</span>}>
      <ul className="space-y-1.5 text-sm" aria-label="Approval matrix checklist">
        {rows.map((r) => (
          <li key={`${r.group}-${r.label}`} className="flex gap-2" data-done={r.done}>
            <span aria-hidden className={r.done ? "text-green-600" : "text-slate-400"}>{r.done ? "☑" : "☐"}</span>
            <span>
              <span className="text-xs uppercase tracking-wide text-slate-500">{r.group}</span> {r.label}
              <span className="sr-only">{r.done ? " (done)" : " (missing)"}</span>
              {r.detail && <span className={`block text-xs ${r.done ? "text-slate-500" : "text-amber-700"}`}>{r.detail}</span>}
            </span>
          </li>
        ))}
      </ul>
      <div className="mt-3 border-t border-slate-100 pt-3" data-testid="readiness">
        {readiness.ready ? (
          <p className="text-sm font-medium text-green-700">Ready: this change may deploy now.</p>
        ) : (
          <>
            <p className="text-sm font-medium text-slate-800">Not ready to deploy:</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
              {readiness.missing.map((m, i) => (
                <li key={i}>{m.message}</li>
              ))}
            </ul>
          </>
        )}
        {readiness.warnings.length > 0 && (
          <ul className="mt-2 space-y-0.5 text-xs text-amber-800">
            {readiness.warnings.map((w, i) => (
              <li key={i}>⚠ {w.message}</li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
