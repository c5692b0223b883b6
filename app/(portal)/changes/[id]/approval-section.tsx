import Link from "next/link";
import { ApprovalRule } from "@/components/changes/approval-rule";
import { OnCallConfirm } from "@/components/changes/on-call-confirm";
import { ReadinessPanel } from "@/components/changes/readiness-panel";
import { VoteForm } from "@/components/changes/vote-form";
import { Card } from "@/components/ui/card";
import { can, type Actor } from "@/lib/auth/permissions";
import { approvalRuleText, canVote, castInMeeting } from "@/lib/domain/approval-tally";
import { formatInZone } from "@/lib/domain/local-time";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { readinessChecklist } from "@/lib/domain/readiness-checklist";
import type { ChangeDetail } from "@/lib/server/change-queries";
import { meetingById } from "@/lib/server/cab-meetings";
import { getPageReadiness } from "@/lib/server/change-readiness";
import { confirmOnCallAction, voteAction } from "../approval-actions";
import { APPROVAL_KIND_LABELS } from "@/lib/domain/vocabulary";

const DECISION_WORDS = { APPROVE: "approved", REJECT: "rejected", REQUEST_CHANGES: "requested changes" } as const;
const CONFIRMABLE = ["SUBMITTED", "APPROVED", "SCHEDULED"];

/** The approvals block of a CR page: the matrix checklist and readiness, the votes, and the vote form. */
export async function ApprovalSection({ cr, actor }: { cr: ChangeDetail["cr"]; actor: Actor }) {
  const { readiness, policy, policyVersion, tally, input } = await getPageReadiness(cr.id);
  const approvals = input.approvals; // every round, oldest first
  const rows = readinessChecklist(cr.risk, policy, tally, readiness, cr.emergency);
  const meeting = cr.cabMeetingId ? await meetingById(cr.cabMeetingId) : null;
  const voteRefusal = can(actor, "change:vote") ? canVote(actor, cr, "STANDARD", policy) : null;
  const showVoteForm = can(actor, "change:vote") && cr.state === "SUBMITTED" && !cr.emergency;
  const zone = await viewerTimeZone();
  return (
    <>
      <ReadinessPanel risk={cr.risk} emergency={cr.emergency} policyVersion={policyVersion} rows={rows} readiness={readiness} />
      <Card title="Approvals">
        <p className="mb-2 text-xs text-slate-500">
          Judged by policy v{policyVersion}
          {cr.policyVersionId ? " (in force when it was submitted)" : " (the policy in force; pinned when submitted)"}.
          {meeting && (
            <>
              {" "}On the agenda of the{" "}
              <Link className="text-indigo-700 underline" href={`/cab/${meeting.id}`}>
                CAB meeting of {formatInZone(meeting.startsAt, zone)}
              </Link>
              .
            </>
          )}
        </p>
        {/* Emergency changes follow their own path (verbal approval, then the CAB's retrospective), shown in their section. */}
        {!cr.emergency && <ApprovalRule risk={cr.risk} lines={approvalRuleText(policy, cr.risk)} />}
        {approvals.length === 0 ? (
          <p className="text-sm text-slate-500">{cr.state === "DRAFT" ? "Collected once the change is submitted." : "No votes yet."}</p>
        ) : (
          <ul className="space-y-1 text-sm" aria-label="Votes">
            {approvals.map((a, i) => (
              <li key={i} className={a.round === cr.approvalRound ? "" : "text-slate-500"}>
                <span className="font-medium">{a.userName ?? "CI/CD"}</span> {DECISION_WORDS[a.decision]}
                {a.kind !== "STANDARD" && <span className="text-slate-500"> ({APPROVAL_KIND_LABELS[a.kind].toLowerCase()})</span>}
                {a.meetingId && <span className="text-slate-500">{castInMeeting(a, policy) ? " in the CAB meeting" : " (tagged with a CAB meeting that was not running: counts as out of meeting)"}</span>}
                {a.round !== cr.approvalRound && <span> (earlier round; no longer counts)</span>}
                {a.comment && <span className="block pl-3 text-slate-500">“{a.comment}”</span>}
              </li>
            ))}
          </ul>
        )}
        {showVoteForm && (
          // Email and Slack links to a vote open here (#vote).
          <div id="vote" className="mt-3 scroll-mt-24 border-t border-slate-100 pt-3">
            {voteRefusal ? <p className="text-sm text-slate-600">{voteRefusal}.</p> : <VoteForm crId={cr.id} vote={voteAction} label={`Vote on ${cr.number}`} />}
          </div>
        )}
      </Card>
      {cr.onCallUserId === actor.id && CONFIRMABLE.includes(cr.state) && policy.rules[cr.risk].onCall === "PRESENT" && (
        <Card title="On-call">
          <OnCallConfirm crId={cr.id} confirmedAt={cr.onCallConfirmedAt ? formatInZone(cr.onCallConfirmedAt, zone) : null} confirm={confirmOnCallAction} />
        </Card>
      )}
    </>
  );
}
