"use client";
// "Version to deploy" for a Lambda service: chosen from the function's published versions (with their
// descriptions), read when the service is chosen. When Lambda cannot be read, the form says why and
// takes a typed version number instead, so filing a change never depends on AWS answering.
import { useEffect, useState } from "react";
import { useFormContext } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";
import { SelectInput, TextInput } from "./form-controls";

export interface VersionChoices {
  functionName: string;
  versions: { version: string; description: string; lastModified: string | null }[];
  live: string | null;
  error: string | null;
}
export type LoadVersions = (serviceId: string) => Promise<ActionResult<VersionChoices>>;

type Loaded = { serviceId: string; choices: VersionChoices | null; error: string | null };

export function LambdaVersionField({ serviceId, load }: { serviceId: string; load?: LoadVersions }) {
  const { formState, watch } = useFormContext<ChangeRequestFields>();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!serviceId || !load) return;
    let stale = false;
    load(serviceId).then(
      (r) => !stale && setLoaded({ serviceId, choices: r.ok ? r.data : null, error: r.ok ? r.data.error : r.error.message }),
      () => !stale && setLoaded({ serviceId, choices: null, error: "Could not reach the portal to read the versions; type the version number instead." }),
    );
    return () => {
      stale = true;
    };
  }, [serviceId, load]);
  const error = formState.errors.targetVersion?.message;
  const chosen = watch("targetVersion");
  const current = loaded?.serviceId === serviceId ? loaded : null;
  const list = current?.choices?.versions ?? [];
  if (!serviceId) return <TextInput name="targetVersion" label="Version to deploy" placeholder="Choose the service first" error={error} />;
  if (!load || current?.error || (current && list.length === 0)) {
    const why = current?.error ?? (current ? `${current.choices?.functionName ?? "The function"} has no published versions yet: publish one, or type its number.` : undefined);
    return <TextInput name="targetVersion" label="Version to deploy" placeholder="e.g. 42" error={error} hint={why ?? "The published version number this change deploys."} />;
  }
  if (!current) return <TextInput name="targetVersion" label="Version to deploy" placeholder="Reading the published versions…" error={error} hint="Reading the function's published versions from Lambda…" />;
  // A saved version Lambda no longer lists stays visible, so the form does not silently change it.
  const options = chosen && !list.some((v) => v.version === chosen) ? [{ version: chosen, description: "(not listed by Lambda)", lastModified: null }, ...list] : list;
  return (
    <SelectInput
      name="targetVersion"
      label="Version to deploy"
      placeholder="Choose a published version…"
      error={error}
      options={options.map((v) => ({
        value: v.version,
        label: `${v.version}${v.description ? ` — ${v.description}` : ""}${v.version === current.choices?.live ? " (live now)" : ""}`,
      }))}
      hint={`Published versions of ${current.choices?.functionName}, newest first, with their descriptions.`}
    />
  );
}
