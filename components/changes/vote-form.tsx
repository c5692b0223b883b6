"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { voteCommentError, type ApprovalDecision } from "@/lib/domain/approval-tally";

export type VoteFn = (input: { crId: string; decision: ApprovalDecision; comment: string; meetingId?: string }) => Promise<ActionResult<{ state: string; recorded: boolean }>>;

const BUTTONS: { decision: ApprovalDecision; label: string; variant: "primary" | "secondary" | "danger" }[] = [
  { decision: "APPROVE", label: "Approve", variant: "primary" },
  { decision: "REQUEST_CHANGES", label: "Request changes", variant: "secondary" },
  { decision: "REJECT", label: "Reject", variant: "danger" },
];

/** Approve / request changes / reject, with the comment the latter two require (checked here and on the server). */
/** `decisions`: the choices offered (a retrospective vote is approve or reject only). */
export function VoteForm({ crId, meetingId, vote, label, decisions }: { crId: string; meetingId?: string; vote: VoteFn; label: string; decisions?: readonly ApprovalDecision[] }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [pending, setPending] = useState(false);
  async function cast(decision: ApprovalDecision) {
    const local = voteCommentError(decision, comment);
    setDone(undefined);
    if (local) return setError(local);
    setPending(true);
    setError(undefined);
    const r = await vote({ crId, decision, comment, meetingId });
    setPending(false);
    if (!r.ok) return setError(r.error.fields?.comment ?? r.error.message);
    setDone(r.data.recorded ? "Vote recorded." : "You had already cast this vote.");
    router.refresh();
  }
  const id = `vote-comment-${crId}`;
  return (
    <div className="space-y-2" role="group" aria-label={label}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {decisions && !decisions.includes("REQUEST_CHANGES") ? "Comment (required to reject)" : "Comment (required to reject or request changes)"}
      </label>
      <textarea id={id} rows={2} className={inputClass} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="flex flex-wrap gap-2">
        {BUTTONS.filter((b) => !decisions || decisions.includes(b.decision)).map((b) => (
          <Button key={b.decision} type="button" variant={b.variant} disabled={pending} onClick={() => cast(b.decision)}>
            {b.label}
          </Button>
        ))}
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {done && !error && <Alert tone="success">{done}</Alert>}
    </div>
  );
}
