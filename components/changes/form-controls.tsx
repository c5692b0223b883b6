"use client";
import { useFormContext, type FieldPath } from "react-hook-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";

type Name = FieldPath<ChangeRequestFields>;

export function TextInput({ name, label, error, placeholder, type = "text", hint, className }: { name: Name; label: string; error?: string; placeholder?: string; type?: string; hint?: string; className?: string }) {
  const asNumber = type === "number";
  const { register } = useFormContext<ChangeRequestFields>();
  return (
    <Field label={label} htmlFor={name} error={error} hint={hint} className={className}>
      <input id={name} type={type} placeholder={placeholder} aria-invalid={!!error} aria-describedby={error ? `${name}-error` : undefined} className={inputClass} {...register(name, { valueAsNumber: asNumber })} />
    </Field>
  );
}

export function TextArea({ name, label, error, rows = 3, mono, className, hint, placeholder }: { name: Name; label: string; error?: string; rows?: number; mono?: boolean; className?: string; hint?: string; placeholder?: string }) {
  const { register } = useFormContext<ChangeRequestFields>();
  return (
    <Field label={label} htmlFor={name} error={error} className={className} hint={hint}>
      <textarea id={name} rows={rows} placeholder={placeholder} aria-invalid={!!error} aria-describedby={error ? `${name}-error` : undefined} className={`${inputClass} ${mono ? "font-mono text-xs" : ""}`} {...register(name)} />
    </Field>
  );
}

export function SelectInput({ name, label, error, options, placeholder, hint }: { name: Name; label: string; error?: string; options: { value: string; label: string }[]; placeholder?: string; hint?: string }) {
  const { register } = useFormContext<ChangeRequestFields>();
  return (
    <Field label={label} htmlFor={name} error={error} hint={hint}>
      <select id={name} aria-invalid={!!error} aria-describedby={error ? `${name}-error` : undefined} className={inputClass} {...register(name)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckboxRow({ name, label, hint }: { name: Name; label: string; hint?: string }) {
  const { register } = useFormContext<ChangeRequestFields>();
  return (
    <div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...register(name)} />
        {label}
      </label>
      {hint && <p className="ml-6 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

export function RadioRow({ name, legend, options, error, hint }: { name: Name; legend: string; options: { value: string; label: string }[]; error?: string; hint?: string }) {
  const { register } = useFormContext<ChangeRequestFields>();
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm">
            <input type="radio" value={o.value} {...register(name)} />
            {o.label}
          </label>
        ))}
      </div>
      {error && <p role="alert" className="mt-1 text-sm text-red-600">{error}</p>}
    </fieldset>
  );
}
