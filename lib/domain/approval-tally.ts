// Which votes count, and what they add up to. Services record votes; this file alone decides what
// they mean, so the CR page's checklist, the state change after a vote and readiness agree.
import { cabSeatOf, CAB_SEAT_LABELS, type CabSeat, type Policy } from "./policy";
import type { RiskLevel, Role } from "./vocabulary";

export const APPROVAL_KINDS = ["STANDARD", "VERBAL_EMERGENCY", "RETROSPECTIVE", "AUTOMATED"] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_DECISIONS = ["APPROVE", "REJECT", "REQUEST_CHANGES"] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

export interface ApprovalRecord {
  /** null for AUTOMATED approvals, which come from a CI token. */
  userId: string | null;
  userName?: string | null;
  /** Frozen at vote time, so a later role change does not rewrite history. */
  roles: readonly Role[];
  kind: ApprovalKind;
  decision: ApprovalDecision;
  round: number;
  createdAt: Date;
  /** Set when cast in a CAB meeting; out-of-meeting votes follow the policy's stricter count. */
  meetingId?: string | null;
  /**
   * When that meeting really ran. A vote counts as in-meeting only if it was cast while the meeting
   * was running (see meetingRunningAt); a tag alone, or a meeting that never started, is not enough.
   */
  meeting?: MeetingSpan | null;
  tokenId?: string | null;
  comment?: string | null;
}

export interface MeetingSpan {
  startedAt: Date | null;
  closedAt: Date | null;
  /** The planned end: a meeting left open counts as running only a tolerance past it. */
  endsAt: Date;
}

/** Whether a meeting was running at `at`: started, not closed, not overrunning its slot by more than the tolerance. */
export function meetingRunningAt(m: MeetingSpan, at: Date, policy: Pick<Policy, "cab">): boolean {
  if (!m.startedAt || at.getTime() < m.startedAt.getTime()) return false;
  if (m.closedAt && at.getTime() >= m.closedAt.getTime()) return false;
  return at.getTime() < m.endsAt.getTime() + policy.cab.meeting.startToleranceMinutes * 60_000;
}

export const castInMeeting = (r: ApprovalRecord, policy: Pick<Policy, "cab">): boolean =>
  Boolean(r.meetingId && r.meeting && meetingRunningAt(r.meeting, r.createdAt, policy));

export interface TallyCr {
  requesterId: string;
  risk: RiskLevel;
  approvalRound: number;
  emergency: boolean;
}

export interface Vote extends ApprovalRecord {
  seat: CabSeat | null;
  isCto: boolean;
}

export interface CabCount {
  approvers: Vote[];
  seats: CabSeat[];
  inMeeting: number;
  met: boolean;
  rejections: Vote[];
  /** "needs 1 more CAB approval (2 required, from 2 different seats)", or null when met. */
  shortfall: string | null;
}

export type TallyOutcome = "APPROVED" | "REJECTED" | "CHANGES_REQUESTED" | "PENDING";

export interface ApprovalTally {
  /** Latest counted STANDARD vote per person in the current round. */
  votes: Vote[];
  ignored: { record: ApprovalRecord; reason: string }[];
  cab: CabCount;
  cto: { approved: boolean; rejected: boolean; by: Vote | null };
  automated: ApprovalRecord | null;
  verbalEmergency: ApprovalRecord | null;
  retrospective: { votes: Vote[]; cab: CabCount; outcome: TallyOutcome };
  changesRequested: Vote[];
  blockingRejection: Vote | null;
  matrixMet: boolean;
  /** What the policy's approval rule still lacks, in words. */
  missing: string[];
  outcome: TallyOutcome;
  /** The state the CR should move to from SUBMITTED, or null to stay. */
  nextState: "APPROVED" | "REJECTED" | "DRAFT" | null;
}

const toVote = (r: ApprovalRecord): Vote => ({ ...r, seat: cabSeatOf(r.roles), isCto: r.roles.includes("CTO") });
const personKey = (r: ApprovalRecord) => r.userId ?? `token:${r.tokenId ?? "ci"}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function countCab(approvers: Vote[], rejections: Vote[], policy: Pick<Policy, "cab">): CabCount {
  const { quorum, distinctSeats, outOfMeeting } = policy.cab;
  const seatsOf = (vs: Vote[]) => [...new Set(vs.map((v) => v.seat).filter((s): s is CabSeat => s !== null))];
  const inMeetingVotes = approvers.filter((v) => castInMeeting(v, policy));
  const seatsIn = seatsOf(inMeetingVotes);
  const seats = seatsOf(approvers);
  const metIn = inMeetingVotes.length >= quorum && seatsIn.length >= distinctSeats;
  const metOut = outOfMeeting.allowed && approvers.length >= outOfMeeting.approvals && seats.length >= distinctSeats;
  const met = metIn || metOut;
  let shortfall: string | null = null;
  if (!met) {
    // Describe the path the votes are on: out-of-meeting once any vote was cast outside a meeting.
    const outside = outOfMeeting.allowed && approvers.length > inMeetingVotes.length;
    const required = outside ? outOfMeeting.approvals : quorum;
    const have = outside ? approvers.length : inMeetingVotes.length;
    const haveSeats = outside ? seats : seatsIn;
    const where = outside ? " outside a meeting" : "";
    const seatsClause = distinctSeats > 1 ? `, from ${distinctSeats} different seats` : "";
    if (have >= required) {
      const so = haveSeats.map((s) => CAB_SEAT_LABELS[s]).join(", ");
      shortfall = `needs a CAB approval from another seat (${distinctSeats} different seats required; so far ${so} only)`;
    } else {
      const more = Math.max(required - have, distinctSeats - haveSeats.length);
      shortfall = `needs ${plural(more, "more CAB approval")} (${required} required${where}${seatsClause})`;
    }
  }
  return { approvers, seats, inMeeting: inMeetingVotes.length, met, rejections, shortfall };
}

/** Current round, not the requester, latest vote per person and kind; the rest is explained. */
function latestVotes(cr: TallyCr, records: readonly ApprovalRecord[]) {
  const ignored: ApprovalTally["ignored"] = [];
  const latest = new Map<string, ApprovalRecord>();
  for (const r of records) {
    if (r.round !== cr.approvalRound) ignored.push({ record: r, reason: "cast in an earlier approval round" });
    else if (r.userId !== null && r.userId === cr.requesterId) ignored.push({ record: r, reason: "nobody approves their own change" });
    // A vote is a person's: only CI/CD's automated approval comes from a token alone.
    else if (r.userId === null && r.kind !== "AUTOMATED") ignored.push({ record: r, reason: "a vote without a person does not count" });
    else {
      const key = `${r.kind}|${personKey(r)}`;
      const prev = latest.get(key);
      if (!prev || r.createdAt.getTime() >= prev.createdAt.getTime()) {
        if (prev) ignored.push({ record: prev, reason: "replaced by a later vote" });
        latest.set(key, r);
      } else ignored.push({ record: r, reason: "replaced by a later vote" });
    }
  }
  return { latest: [...latest.values()], ignored };
}

function decide(votes: Vote[], policy: Pick<Policy, "cab">, needsCto: boolean) {
  const approvals = votes.filter((v) => v.decision === "APPROVE");
  const ctoRejection = votes.find((v) => v.isCto && v.decision === "REJECT") ?? null;
  const ctoCandidates = needsCto ? approvals.filter((v) => v.isCto) : [];
  const cabRejections = votes.filter((v) => v.seat && v.decision === "REJECT");
  const cabFor = (exclude: Vote | null) =>
    countCab(approvals.filter((v) => v.seat && v !== exclude), cabRejections, policy);
  // A person counts once: the CTO who signs as CTO is not also one of the CAB votes. Pick the CTO
  // approver whose absence from the CAB count hurts least.
  let ctoBy: Vote | null = null;
  let cab = cabFor(null);
  if (ctoCandidates.length > 0) {
    const options = ctoCandidates.map((c) => ({ c, cab: cabFor(c) }));
    const best = options.find((o) => o.cab.met) ?? options.find((o) => !o.c.seat) ?? options[0]!;
    ctoBy = best.c;
    cab = best.cab;
  }
  return { cab, ctoBy, ctoRejection, approvals };
}

export function tallyApprovals(cr: TallyCr, records: readonly ApprovalRecord[], policy: Policy): ApprovalTally {
  const rule = policy.rules[cr.risk];
  const { latest, ignored } = latestVotes(cr, records);
  const eligible = (v: Vote) => v.seat !== null || v.isCto;
  const byKind = (kind: ApprovalKind) => latest.filter((r) => r.kind === kind);

  const votes: Vote[] = [];
  for (const r of byKind("STANDARD")) {
    const v = toVote(r);
    if (cr.emergency) ignored.push({ record: r, reason: "emergency changes are approved verbally, then retrospectively" });
    else if (!eligible(v)) ignored.push({ record: r, reason: "not a CAB member or the CTO when voting" });
    else votes.push(v);
  }
  const needsCto = rule.approvals.includes("CTO");
  const { cab, ctoBy, ctoRejection } = decide(votes, policy, needsCto);
  const automatedLatest = byKind("AUTOMATED");
  const automated = automatedLatest.find((r) => r.decision === "APPROVE") ?? null;

  const verbal: ApprovalRecord[] = [];
  for (const r of byKind("VERBAL_EMERGENCY")) {
    if (r.roles.includes("ENG_MANAGER")) verbal.push(r);
    else ignored.push({ record: r, reason: "only an engineering manager gives the verbal approval" });
  }
  const verbalEmergency =
    cr.emergency && !verbal.some((r) => r.decision !== "APPROVE") ? (verbal.find((r) => r.decision === "APPROVE") ?? null) : null;

  const retroVotes = byKind("RETROSPECTIVE").map(toVote).filter(eligible);
  const retro = decide(retroVotes, policy, false);
  const retroOutcome: TallyOutcome =
    retro.ctoRejection || retro.cab.rejections.length >= policy.cab.rejectionsToReject ? "REJECTED" : retro.cab.met ? "APPROVED" : "PENDING";

  const missing: string[] = [];
  if (rule.approvals.includes("CAB") && !cab.met && cab.shortfall) missing.push(cab.shortfall);
  if (ctoRejection) missing.push("rejected by the CTO");
  else if (needsCto && !ctoBy) missing.push("needs CTO approval");
  if (rule.approvals.includes("AUTOMATED") && !automated) missing.push("needs automated approval from CI/CD (once its gates pass)");
  const matrixMet = !cr.emergency && missing.length === 0;

  const blockingRejection = cr.emergency ? null : ctoRejection;
  const changesRequested = votes.filter((v) => v.decision === "REQUEST_CHANGES");
  let outcome: TallyOutcome;
  if (cr.emergency) outcome = verbalEmergency ? "APPROVED" : "PENDING";
  else if (blockingRejection || cab.rejections.length >= policy.cab.rejectionsToReject) outcome = "REJECTED";
  else if (changesRequested.length > 0) outcome = "CHANGES_REQUESTED";
  else outcome = matrixMet ? "APPROVED" : "PENDING";
  const nextState = outcome === "APPROVED" ? "APPROVED" : outcome === "REJECTED" ? "REJECTED" : outcome === "CHANGES_REQUESTED" ? "DRAFT" : null;

  return {
    votes,
    ignored,
    cab,
    cto: { approved: !!ctoBy && !ctoRejection, rejected: !!ctoRejection, by: ctoBy },
    automated,
    verbalEmergency,
    retrospective: { votes: retroVotes, cab: retro.cab, outcome: retroOutcome },
    changesRequested,
    blockingRejection,
    matrixMet,
    missing,
    outcome,
    nextState,
  };
}

export interface Voter {
  id: string;
  roles: readonly Role[];
}
export interface VotableCr extends TallyCr {
  state: string;
  /** PENDING while an emergency change awaits the CAB's retrospective decision. */
  retroStatus?: string | null;
}

const VERBAL_STATES = ["DRAFT", "SUBMITTED"];

/**
 * Why this person may not cast this kind of vote on this CR, or null when they may. `existing` are
 * the CR's approval records; a second vote of the same kind in the same round is refused.
 */
export function canVote(
  actor: Voter,
  cr: VotableCr,
  kind: ApprovalKind,
  policy: Policy,
  existing: readonly ApprovalRecord[] = [],
): string | null {
  if (kind === "AUTOMATED") return "Automated approvals come from CI/CD, not from a person";
  if (actor.id === cr.requesterId) return "You cannot approve your own change";
  const seat = cabSeatOf(actor.roles);
  if (kind === "VERBAL_EMERGENCY") {
    if (!cr.emergency) return "Only emergency changes take a verbal approval";
    if (!actor.roles.includes("ENG_MANAGER")) return "Only an engineering manager can record the verbal approval";
    if (!VERBAL_STATES.includes(cr.state)) return "The verbal approval is recorded before the change is approved or deployed";
  } else if (kind === "RETROSPECTIVE") {
    if (!cr.emergency) return "Only emergency changes get a retrospective approval";
    if (!seat) return "Only CAB members vote";
    if (cr.retroStatus === "APPROVED" || cr.retroStatus === "REJECTED") return "The CAB has already decided this change retrospectively";
    if (cr.retroStatus !== "PENDING") return "This emergency change is not awaiting a retrospective decision";
  } else {
    if (cr.emergency) return "Emergency changes are approved verbally by an engineering manager and reviewed by the CAB afterwards";
    if (cr.state !== "SUBMITTED") return "This change is not awaiting a decision";
    const rule = policy.rules[cr.risk];
    const viaCab = rule.approvals.includes("CAB") && seat !== null;
    const viaCto = rule.approvals.includes("CTO") && actor.roles.includes("CTO");
    if (!viaCab && !viaCto) {
      if (!rule.approvals.includes("CAB") && !rule.approvals.includes("CTO")) {
        return "This change is approved automatically by CI/CD once its gates pass";
      }
      return rule.approvals.includes("CTO") ? "Only CAB members and the CTO vote on this change" : "Only CAB members vote";
    }
  }
  const already = existing.some((r) => r.kind === kind && r.round === cr.approvalRound && r.userId === actor.id);
  return already ? "You have already voted on this change in this round" : null;
}

/** Rejecting or requesting changes must say why, so the requester knows what to fix. */
export function voteCommentError(decision: ApprovalDecision, comment: string | null | undefined): string | null {
  if (decision === "APPROVE" || (comment ?? "").trim().length > 0) return null;
  return decision === "REJECT" ? "Say why you reject this change" : "Say which changes you need";
}

/** The approval rule for a risk level in words, shown on the change before anyone votes. */
export function approvalRuleText(policy: Policy, risk: RiskLevel): string[] {
  const rule = policy.rules[risk];
  const { quorum, distinctSeats, outOfMeeting, rejectionsToReject } = policy.cab;
  const lines: string[] = [];
  if (rule.approvals.includes("CAB")) {
    const seats = distinctSeats > 1 ? ` from ${distinctSeats} different seats` : "";
    const outside = outOfMeeting.allowed ? `, or ${plural(outOfMeeting.approvals, "CAB approval")}${seats} outside a meeting` : "; votes outside a meeting do not count";
    lines.push(`Needs ${plural(quorum, "CAB approval")}${seats} cast while the CAB meeting runs${outside}.`);
    lines.push(
      rejectionsToReject === 1
        ? "One CAB rejection rejects the change until it is revised and resubmitted."
        : `${rejectionsToReject} CAB rejections reject the change until it is revised and resubmitted; fewer are recorded and shown.`,
    );
  }
  if (rule.approvals.includes("CTO")) lines.push("Needs the CTO's approval as well; a CTO rejection rejects the change.");
  if (rule.approvals.includes("AUTOMATED")) lines.push("Approved automatically by CI/CD once its gates pass.");
  // Only where people vote: an automated approval has no requester's vote to refuse.
  if (rule.approvals.includes("CAB") || rule.approvals.includes("CTO")) lines.push("Nobody approves their own change; a request for changes sends it back to draft.");
  return lines;
}
