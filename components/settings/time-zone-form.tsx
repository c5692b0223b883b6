"use client";
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

export interface ZoneChoice {
  zone: string;
  /** "UTC+09:00" now. */
  offset: string;
}

/**
 * The person's time zone: a text box that searches the IANA list as you type (the browser's own
 * suggestion list), saved on the server, which refuses a name that is not a zone. Empty means the
 * organisation's zone.
 */
export function TimeZoneForm({
  own,
  orgZone,
  choices,
  save,
}: {
  own: string | null;
  orgZone: string;
  choices: readonly ZoneChoice[];
  save: (form: FormData) => Promise<ActionResult<unknown>>;
}) {
  const [value, setValue] = useState(own ?? "");
  return (
    <ActionForm action={save} label="Time zone" success="Saved. Every page now shows times in this zone." className="space-y-3">
      <Field
        label="Your time zone"
        htmlFor="timeZone"
        hint={`Type to search, e.g. "Tokyo" or "New_York". Leave empty to follow the organisation's zone (${orgZone}).`}
      >
        <input
          id="timeZone"
          name="timeZone"
          list="time-zone-choices"
          autoComplete="off"
          spellCheck={false}
          placeholder={`${orgZone} (the organisation's)`}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className={`${inputClass} max-w-md`}
        />
        <datalist id="time-zone-choices">
          {choices.map((c) => (
            <option key={c.zone} value={c.zone}>
              {c.zone.replaceAll("_", " ")} ({c.offset})
            </option>
          ))}
        </datalist>
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">Save time zone</Button>
        {own !== null && (
          <Button type="submit" variant="secondary" name="useOrganisation" value="1" onClick={() => setValue("")}>
            Use the organisation&apos;s zone ({orgZone})
          </Button>
        )}
      </div>
    </ActionForm>
  );
}
