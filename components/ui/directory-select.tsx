"use client";
// A filter select over services, teams or people. The server renders only "Any", the extra choices
// and the current one (its label comes from the page); the full list is fetched once from
// /api/filter-options and cached (react-query here, the HTTP cache across the full page loads that
// each Apply of a GET filter form makes). Until then, and if the fetch fails, the select still works
// with what it has.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { inputClass } from "@/components/ui/field";
import { FILTER_OPTIONS_MAX_AGE_S, type DirectoryList, type FilterOptions } from "@/lib/schemas/filter-options";

async function fetchFilterOptions(): Promise<FilterOptions> {
  const res = await fetch("/api/filter-options");
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
  return res.json() as Promise<FilterOptions>;
}

/** The shared lists; every select on a page reads the same query, so they are fetched once. */
export function useFilterOptions() {
  return useQuery({ queryKey: ["filter-options"], queryFn: fetchFilterOptions, staleTime: FILTER_OPTIONS_MAX_AGE_S * 1000, retry: 1 });
}

interface Choice {
  value: string;
  label: string;
}

export function DirectorySelect(props: {
  id: string;
  name: string;
  label: string;
  list: DirectoryList;
  value?: string;
  /** The current value's name, when it names a record that exists. */
  valueLabel?: string;
  any: string;
  extra?: Choice[];
  error?: string;
}) {
  const { id, name, label, list, any, extra = [], error } = props;
  const [value, setValue] = useState(props.value ?? "");
  const q = useFilterOptions();
  const choices: Choice[] = [...extra];
  if (q.data) choices.push(...q.data[list].map((o) => ({ value: o.id, label: o.name })));
  // Keep the URL's value selectable, named when known, so the message beside an unknown one makes sense.
  const initial = props.value;
  if (initial && !choices.some((c) => c.value === initial)) {
    choices.push({ value: initial, label: props.valueLabel ?? `${initial} (unknown)` });
  }
  const describedBy = [error && `${id}-error`, q.isError && `${id}-load-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="text-xs font-medium text-slate-600">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        aria-busy={q.isPending ? true : undefined}
        data-options-loaded={q.data ? "true" : undefined}
        className={`${inputClass} mt-0.5`}
      >
        <option value="">{any}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {error && <p id={`${id}-error`} className="mt-0.5 font-normal text-red-700">{error}</p>}
      {q.isError && <p id={`${id}-load-error`} className="mt-0.5 font-normal text-amber-700">Could not load the list; reload the page.</p>}
    </div>
  );
}
