// The minutes as they are written: every entry with its time in the reader's zone, the chair's note
// form, and the Markdown download once the meeting has started.
import { DateTime } from "luxon";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { parseMinutes } from "@/lib/domain/cab-minutes";

export function MinutesCard({ meetingId, minutes, zone, canNote, downloadable, addNote }: { meetingId: string; minutes: string; zone: string; canNote: boolean; downloadable: boolean; addNote: (f: FormData) => Promise<ActionResult<unknown>> }) {
  const entries = parseMinutes(minutes);
  return (
    <div className="space-y-3">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing recorded yet. Starts, votes, decisions and the close are written here as they happen.</p>
      ) : (
        <ol className="space-y-1 text-sm" aria-label="Minutes entries">
          {entries.map((e, i) => (
            <li key={i} className="flex gap-2">
              <span className="shrink-0 font-mono text-xs leading-5 text-slate-500">{e.at ? DateTime.fromJSDate(e.at, { zone }).toFormat("HH:mm") : ""}</span>
              <span className="min-w-0 whitespace-pre-wrap text-slate-800 [overflow-wrap:anywhere]">{e.text}</span>
            </li>
          ))}
        </ol>
      )}
      {canNote && (
        <ActionForm action={addNote} success="Note added to the minutes." label="Add a note" resetOnSuccess>
          <input type="hidden" name="meetingId" value={meetingId} />
          <label htmlFor="minutes-note" className="block text-sm font-medium text-slate-700">
            Note for the minutes
          </label>
          <p className="text-xs text-slate-500">A discussion point or action item; it is stamped with the time and your name.</p>
          <textarea id="minutes-note" name="note" rows={3} className={`${inputClass} mt-1`} />
          <Button type="submit" variant="secondary" className="mt-2">
            Add to minutes
          </Button>
        </ActionForm>
      )}
      {downloadable && (
        <a href={`/cab/${meetingId}/minutes`} download className="inline-block text-sm font-medium text-indigo-700 hover:underline">
          Download minutes (Markdown)
        </a>
      )}
    </div>
  );
}
