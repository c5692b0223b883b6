"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { GATE_KINDS, GATE_LABELS } from "@/lib/domain/vocabulary";

export interface GateRow {
  id: string;
  label: string;
  version: string;
  passed: boolean;
  value: number | null;
  evidenceUrl: string | null;
  at: string;
  by: string;
}

/** Gate results for a CR (results for another version are shown as stale) and the manual entry form. */
export function GatePanel({ crId, targetVersion, rows, canRecord, record }: {
  crId: string;
  targetVersion: string;
  rows: GateRow[];
  canRecord: boolean;
  record: (form: FormData) => Promise<ActionResult<unknown>>;
}) {
  return (
    <div className="space-y-3 text-sm">
      {rows.length === 0 ? (
        <p className="text-slate-500">No gate results reported yet.</p>
      ) : (
        <ul aria-label="Gate results" className="space-y-1">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-1">
              <Badge tone={r.version !== targetVersion ? "slate" : r.passed ? "green" : "red"}>{r.passed ? "passed" : "failed"}</Badge>
              <span className="font-medium">{r.label}</span>
              {r.value !== null && <span>({r.value})</span>}
              <span className="text-slate-500">v{r.version}{r.version !== targetVersion && " · stale"} · {r.by} · {r.at}</span>
              {r.evidenceUrl && <a href={r.evidenceUrl} className="text-indigo-700 hover:underline" target="_blank" rel="noreferrer">evidence</a>}
            </li>
          ))}
        </ul>
      )}
      {canRecord && (
        <ActionForm action={record} resetOnSuccess success="Gate result recorded." label="Record a gate result" className="space-y-2 border-t border-slate-100 pt-3">
          <input type="hidden" name="crId" value={crId} />
          <input type="hidden" name="version" value={targetVersion} />
          <div className="grid grid-cols-2 gap-2">
            <Field label="Gate" htmlFor="gate">
              <select id="gate" name="gate" className={inputClass}>
                {GATE_KINDS.map((g) => (
                  <option key={g} value={g}>{GATE_LABELS[g]}</option>
                ))}
              </select>
            </Field>
            <Field label="Result" htmlFor="passed">
              <select id="passed" name="passed" className={inputClass} defaultValue="true">
                <option value="true">Passed</option>
                <option value="false">Failed</option>
              </select>
            </Field>
          </div>
          <Field label="Value (coverage %, p95 ms, findings)" htmlFor="gateValue">
            <input id="gateValue" name="value" inputMode="decimal" className={inputClass} />
          </Field>
          <Field label="Evidence link" htmlFor="evidenceUrl">
            <input id="evidenceUrl" name="evidenceUrl" type="url" placeholder="https://ci.example.com/runs/123" className={inputClass} />
          </Field>
          <p className="text-xs text-slate-500">For version {targetVersion}.</p>
          <Button type="submit" variant="secondary">Record result</Button>
        </ActionForm>
      )}
    </div>
  );
}
