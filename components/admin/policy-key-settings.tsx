"use client";
// The settings an admin changes most (and the ones the control-integrity rules added) as form
// fields over the same JSON the editor saves: each field reads its value from the JSON and writes it
// back, so the JSON stays the one thing saved and the schema's messages appear at the field.
import { Field, inputClass } from "@/components/ui/field";
import { RISK_LABELS, RISK_LEVELS } from "@/lib/domain/vocabulary";

type Path = readonly string[];

function read(obj: unknown, path: Path): unknown {
  let at: unknown = obj;
  for (const k of path) at = at && typeof at === "object" ? (at as Record<string, unknown>)[k] : undefined;
  return at;
}

/** A copy of `obj` with `value` at `path` (objects along the way created when missing). */
export function writePath(obj: unknown, path: Path, value: unknown): unknown {
  const [k, ...rest] = path;
  if (k === undefined) return value;
  const base = obj && typeof obj === "object" && !Array.isArray(obj) ? (obj as Record<string, unknown>) : {};
  return { ...base, [k]: writePath(base[k], rest, value) };
}

const id = (path: Path) => `policy-${path.join("-")}`;

export function PolicyKeySettings({ policy, errors, onChange }: { policy: unknown; errors: Record<string, string> | null; onChange: (path: Path, value: unknown) => void }) {
  const number = (path: Path, label: string, hint: string) => {
    const v = read(policy, path);
    const error = errors?.[path.join(".")];
    return (
      <Field label={label} htmlFor={id(path)} hint={hint} error={error}>
        <input
          id={id(path)}
          type="number"
          inputMode="numeric"
          className={`${inputClass} max-w-32`}
          value={typeof v === "number" ? v : ""}
          aria-invalid={!!error}
          // An emptied field becomes null so the schema says "must be a number" at this field.
          onChange={(e) => onChange(path, e.target.value === "" ? null : Number(e.target.value))}
        />
      </Field>
    );
  };
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" disabled={policy === null}>
      <legend className="px-1 text-sm font-medium text-slate-700">CAB votes and gate evidence</legend>
      {policy === null && <p className="text-xs text-amber-700">Fix the JSON below to edit these fields.</p>}
      <div className="grid gap-3 md:grid-cols-2">
        {number(["cab", "rejectionsToReject"], "CAB rejections that reject a change", "How many CAB members rejecting in one round send the change back until it is revised. 1: any single rejection does.")}
        {number(
          ["cab", "meeting", "startToleranceMinutes"],
          "Meeting start tolerance (minutes)",
          "A meeting can be started this long before its slot; votes count as in-meeting until this long past its planned end.",
        )}
      </div>
      <div>
        <p className="text-sm font-medium text-slate-700">The requester&apos;s own gate results count for</p>
        <p className="text-xs text-slate-500">Unticked: test results the requester typed in do not satisfy the gates; CI/CD&apos;s results, or results entered by someone else, are needed.</p>
        <div className="mt-1 flex flex-wrap gap-4">
          {[...RISK_LEVELS].reverse().map((r) => {
            const path = ["rules", r, "selfReportedGates"];
            const error = errors?.[path.join(".")];
            return (
              <label key={r} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={read(policy, path) === true} onChange={(e) => onChange(path, e.target.checked)} aria-invalid={!!error} />
                {RISK_LABELS[r]} risk
                {error && <span className="text-red-600">({error})</span>}
              </label>
            );
          })}
        </div>
      </div>
    </fieldset>
  );
}
