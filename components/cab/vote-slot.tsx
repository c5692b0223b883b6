// Where a member votes on an agenda change: the rule that will decide it first, then the buttons —
// or, where they may not vote here, why not and where to vote instead.
import { ApprovalRule } from "@/components/changes/approval-rule";
import { VoteForm, type VoteFn } from "@/components/changes/vote-form";
import type { ChangeItem } from "@/lib/domain/cab-agenda";

export interface VoteSlotProps {
  item: ChangeItem;
  actorId: string;
  meetingId: string;
  /** Votes cast here count as in-meeting votes now. */
  running: boolean;
  mayVote: boolean;
  mayRetroVote: boolean;
  /** The deciding rule in words (approvalRuleText, or the retrospective's). */
  rule: readonly string[];
  vote: VoteFn;
  retroVote: VoteFn;
}

export function VoteSlot({ item, actorId, meetingId, running, mayVote, mayRetroVote, rule, vote, retroVote }: VoteSlotProps) {
  const retro = item.emergency && !!item.retrospective && item.status === "AWAITING";
  const votable = item.status === "AWAITING" && (retro ? mayRetroVote : mayVote && !item.emergency);
  if (!votable) return null;
  const note = (text: React.ReactNode) => <p className="mt-2 text-xs text-slate-500">{text}</p>;
  if (item.requester.id === actorId) return note("You cannot approve your own change.");
  if (retro && item.votes.some((v) => v.userId === actorId)) return note("You have voted; the decision waits for more CAB members.");
  if (!running) {
    return note(
      <>
        Votes here open while the meeting runs; until then,{" "}
        <a className="font-medium text-indigo-700" href={`/changes/${item.number}`}>
          vote on {item.number}&apos;s page
        </a>
        .
      </>,
    );
  }
  const label = retro ? `Retrospective vote on ${item.number}` : `Vote on ${item.number}`;
  return (
    <div className="mt-2 max-w-2xl rounded-md border border-slate-200 p-2">
      {retro ? (
        <div className="mb-3 rounded-md bg-slate-50 px-3 py-2" role="group" aria-label="Approval rule">
          <p className="text-xs font-medium text-slate-700">How the retrospective is decided</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs text-slate-600">
            {rule.map((l) => <li key={l}>{l}</li>)}
          </ul>
        </div>
      ) : (
        <ApprovalRule risk={item.risk} lines={rule} />
      )}
      <VoteForm crId={item.crId} meetingId={meetingId} vote={retro ? retroVote : vote} label={label} decisions={retro ? ["APPROVE", "REJECT"] : undefined} />
    </div>
  );
}
