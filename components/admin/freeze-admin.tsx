"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

type Action = (form: FormData) => Promise<ActionResult<unknown>>;
interface FreezeRow {
  id: string;
  name: string;
  reason: string;
  starts: string;
  ends: string;
  status: "active" | "upcoming" | "past";
}

export function FreezeAdmin({ windows, timeZone, create, remove }: { windows: FreezeRow[]; timeZone: string; create: Action; remove: Action }) {
  return (
    <div className="space-y-5">
      <ActionForm action={create} resetOnSuccess success="Freeze window declared." label="Declare a freeze window" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold">Declare a freeze window</h2>
        <input type="hidden" name="timeZone" value={timeZone} />
        <div className="grid gap-3 md:grid-cols-2">
          <Field label="Name" htmlFor="fw-name"><input id="fw-name" name="name" placeholder="Year-end freeze" className={inputClass} /></Field>
          <Field label="Reason" htmlFor="fw-reason"><input id="fw-reason" name="reason" placeholder="Peak traffic, reduced staffing" className={inputClass} /></Field>
          <Field label={`Start (${timeZone})`} htmlFor="fw-start"><input id="fw-start" name="startsAt" type="datetime-local" className={inputClass} /></Field>
          <Field label={`End (${timeZone})`} htmlFor="fw-end"><input id="fw-end" name="endsAt" type="datetime-local" className={inputClass} /></Field>
        </div>
        <Button type="submit">Declare freeze</Button>
      </ActionForm>
      {windows.length === 0 ? (
        <p className="text-sm text-slate-500">No freeze windows.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {windows.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center gap-2 px-4 py-2">
              <Badge tone={w.status === "active" ? "red" : w.status === "upcoming" ? "amber" : "slate"}>{w.status}</Badge>
              <span className="font-medium">{w.name}</span>
              <span className="text-slate-600">{w.starts} → {w.ends}</span>
              {w.reason && <span className="text-slate-500">— {w.reason}</span>}
              <span className="ml-auto">
                <ConfirmAction
                  action={remove}
                  fields={{ id: w.id }}
                  trigger="Remove"
                  triggerLabel={`Remove ${w.name}`}
                  triggerVariant="secondary"
                  text={{
                    title: `Remove freeze window ${w.name}?`,
                    body:
                      w.status === "past" ? (
                        <>The record of this past freeze ({w.starts} → {w.ends}) is deleted from the list; the audit log keeps it.</>
                      ) : (
                        <>
                          Normal changes may deploy again between {w.starts} and {w.ends}
                          {w.status === "active" && <> — starting now, since this freeze is in force</>}. Change requests planned in that time are no longer refused for it.
                        </>
                      ),
                    confirm: "Remove freeze",
                  }}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
