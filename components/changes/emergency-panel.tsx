"use client";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

type Action = (form: FormData) => Promise<ActionResult<unknown>>;

export interface EmergencyPanelProps {
  crId: string;
  incident: { id: string; title: string; severity: string; resolved: boolean } | null;
  verbal: { by: string; at: string; said: string } | null;
  retroStatus: string | null;
  /** "due Wed 3 Dec, 14:00 CET", or null once decided. */
  retroDue: string | null;
  retroOverdue: boolean;
  retroVotes: { by: string; decision: string; comment: string | null }[];
  /** Local "YYYY-MM-DDTHH:mm" in the org zone, to prefill "when". */
  nowLocal: string;
  timeZone: string;
  canRecordVerbal: boolean;
  canRetroVote: boolean;
  verbalApprove: Action;
  retroVote: Action;
}

const RETRO_TONE = { PENDING: "amber", APPROVED: "green", REJECTED: "red" } as const;

export function EmergencyPanel(p: EmergencyPanelProps) {
  const tone = RETRO_TONE[(p.retroStatus ?? "PENDING") as keyof typeof RETRO_TONE] ?? "slate";
  return (
    <div id="emergency" className="scroll-mt-24 space-y-3 text-sm" data-testid="emergency-panel">
      {p.incident ? (
        <p>
          Incident:{" "}
          <Link href={`/incidents/${p.incident.id}`} className="font-medium text-indigo-700 hover:underline">
            {p.incident.severity === "SEV1" ? "SEV-1" : "SEV-2"} · {p.incident.title}
          </Link>
          {p.incident.resolved && <span className="ml-1 text-slate-500">(resolved)</span>}
        </p>
      ) : (
        <p className="text-red-700">No incident linked.</p>
      )}
      <div>
        <h3 className="font-medium">Verbal approval</h3>
        {p.verbal ? (
          <p>
            {p.verbal.by} at {p.verbal.at}: <q>{p.verbal.said}</q>
          </p>
        ) : p.canRecordVerbal ? (
          <ActionForm action={p.verbalApprove} label="Record verbal approval" className="mt-1 space-y-2">
            <input type="hidden" name="crId" value={p.crId} />
            <Field label="What you said" htmlFor="approverSaid">
              <textarea id="approverSaid" name="approverSaid" rows={2} className={inputClass} placeholder="Approved on the incident bridge: deploy the fix now" />
            </Field>
            <Field label={`When (${p.timeZone})`} htmlFor="approvedAt">
              <input id="approvedAt" name="approvedAt" type="datetime-local" defaultValue={p.nowLocal} className={inputClass} />
            </Field>
            <Button type="submit">Record verbal approval</Button>
          </ActionForm>
        ) : (
          <p className="text-slate-500">Waiting for an engineering manager to record it.</p>
        )}
      </div>
      <div>
        <h3 className="font-medium">Retrospective approval</h3>
        <p className="flex flex-wrap items-center gap-2">
          <Badge tone={tone}>{(p.retroStatus ?? "pending").toLowerCase()}</Badge>
          {p.retroOverdue && <Badge tone="red">overdue</Badge>}
          {p.retroDue && <span className="text-slate-500">CAB review {p.retroDue}</span>}
        </p>
        {p.retroVotes.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {p.retroVotes.map((v, i) => (
              <li key={i}>
                {v.by}: {v.decision.toLowerCase()}
                {v.comment && <span className="text-slate-500"> — {v.comment}</span>}
              </li>
            ))}
          </ul>
        )}
        {p.canRetroVote && (
          <ActionForm action={p.retroVote} label="Retrospective vote" className="mt-2 space-y-2">
            <input type="hidden" name="crId" value={p.crId} />
            <Field label="Comment (required to reject)" htmlFor="retroComment">
              <input id="retroComment" name="comment" className={inputClass} />
            </Field>
            <Field label="Decision" htmlFor="retroDecision">
              <select id="retroDecision" name="decision" className={inputClass} defaultValue="APPROVE">
                <option value="APPROVE">Approve retrospectively</option>
                <option value="REJECT">Reject</option>
              </select>
            </Field>
            <Button type="submit">Cast retrospective vote</Button>
          </ActionForm>
        )}
      </div>
    </div>
  );
}
