"use client";
// Inputs bound to a path of the policy being edited; each shows the schema's message for its path.
import type { ReactNode } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { pathId, pathKey, readPath, type Path } from "./policy-paths";

export interface PolicyCtx {
  policy: unknown;
  errors: Record<string, string> | null;
  set: (path: Path, value: unknown) => void;
}

const errorAt = (ctx: PolicyCtx, path: Path) => ctx.errors?.[pathKey(path)];

export function NumberInput({ ctx, path, label, hint, unit }: { ctx: PolicyCtx; path: Path; label: string; hint?: string; unit?: string }) {
  const v = readPath(ctx.policy, path);
  const error = errorAt(ctx, path);
  return (
    <Field label={unit ? `${label} (${unit})` : label} htmlFor={pathId(path)} hint={hint} error={error}>
      <input
        id={pathId(path)}
        type="number"
        inputMode="decimal"
        className={`${inputClass} max-w-32`}
        value={typeof v === "number" ? v : ""}
        aria-invalid={!!error}
        // An emptied field becomes null so the schema says "must be a number" at this field.
        onChange={(e) => ctx.set(path, e.target.value === "" ? null : Number(e.target.value))}
      />
    </Field>
  );
}

export function TimeInput({ ctx, path, label }: { ctx: PolicyCtx; path: Path; label: string }) {
  const v = readPath(ctx.policy, path);
  const error = errorAt(ctx, path);
  return (
    <Field label={label} htmlFor={pathId(path)} error={error}>
      <input id={pathId(path)} type="time" className={`${inputClass} max-w-32`} value={typeof v === "string" ? v : ""} aria-invalid={!!error} onChange={(e) => ctx.set(path, e.target.value)} />
    </Field>
  );
}

export function SelectInput<T extends string | number>({ ctx, path, label, options, hint }: { ctx: PolicyCtx; path: Path; label: string; options: readonly { value: T; label: string }[]; hint?: string }) {
  const v = readPath(ctx.policy, path);
  const error = errorAt(ctx, path);
  return (
    <Field label={label} htmlFor={pathId(path)} hint={hint} error={error}>
      <select
        id={pathId(path)}
        className={inputClass}
        value={v === undefined || v === null ? "" : String(v)}
        aria-invalid={!!error}
        onChange={(e) => ctx.set(path, options.find((o) => String(o.value) === e.target.value)?.value ?? e.target.value)}
      >
        {!options.some((o) => String(o.value) === String(v)) && <option value="">Choose…</option>}
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A list setting (approvers, gates, days) as checkboxes; order follows `options`. */
export function CheckList<T extends string | number>({ ctx, path, legend, options, hint }: { ctx: PolicyCtx; path: Path; legend: string; options: readonly { value: T; label: string }[]; hint?: string }) {
  const raw = readPath(ctx.policy, path);
  const chosen = Array.isArray(raw) ? (raw as T[]) : [];
  const error = errorAt(ctx, path);
  const toggle = (value: T, on: boolean) => ctx.set(path, options.map((o) => o.value).filter((x) => (x === value ? on : chosen.includes(x))));
  return (
    <fieldset aria-invalid={!!error} aria-describedby={error ? `${pathId(path)}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={String(o.value)} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            {o.label}
          </label>
        ))}
      </div>
      <FieldNote id={`${pathId(path)}-error`} error={error} hint={hint} />
    </fieldset>
  );
}

export function Toggle({ ctx, path, label, hint }: { ctx: PolicyCtx; path: Path; label: ReactNode; hint?: string }) {
  const error = errorAt(ctx, path);
  return (
    <div>
      <label className="flex items-center gap-1.5 text-sm">
        <input type="checkbox" checked={readPath(ctx.policy, path) === true} aria-invalid={!!error} onChange={(e) => ctx.set(path, e.target.checked)} />
        {label}
      </label>
      <FieldNote id={`${pathId(path)}-error`} error={error} hint={hint} />
    </div>
  );
}

function FieldNote({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  if (error) {
    return (
      <p id={id} role="alert" className="mt-1 text-sm text-red-600">
        {error}
      </p>
    );
  }
  return hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null;
}
