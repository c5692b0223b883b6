// The weekly CAB agenda with the seed's time boxes. The meeting page renders it; the builder decides
// what belongs in each section, so "what does the CAB look at" has one answer for the page, the
// dashboard's overdue count and the tests.
import { DateTime } from "luxon";
import { tallyApprovals, type ApprovalDecision, type ApprovalKind, type ApprovalRecord } from "./approval-tally";
import { previousMeeting, retrospectiveMeetingFor } from "./cab-schedule";
import { cabSeatOf, type CabSeat, type Policy } from "./policy";
import { isBelowSuggestion } from "./risk-assessment";
import type { CrState, DeploymentKind, RiskLevel } from "./vocabulary";

export interface AgendaMeeting {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

export interface AgendaCr {
  id: string;
  number: string;
  summary: string;
  risk: RiskLevel;
  state: CrState;
  requesterId: string;
  requesterName: string;
  cabMeetingId: string | null;
  approvalRound: number;
  emergency: boolean;
  /** PENDING until the CAB decides an emergency change retrospectively. */
  retroStatus: string | null;
  suggestedRisk: RiskLevel | null;
  riskJustification: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  approvals: readonly ApprovalRecord[];
}

export interface AgendaDeployment {
  id: string;
  crId: string | null;
  crNumber: string | null;
  summary: string;
  risk: RiskLevel | null;
  kind: DeploymentKind;
  outcome: "SUCCEEDED" | "FAILED" | "ROLLED_BACK" | null;
  finishedAt: Date | null;
}

export interface AgendaIncident {
  id: string;
  severity: string;
  title: string;
  declaredAt: Date;
  resolvedAt: Date | null;
}

export interface AgendaVote {
  userId: string | null;
  name: string | null;
  seat: CabSeat | null;
  kind: ApprovalKind;
  decision: ApprovalDecision;
  comment: string | null;
  at: Date;
}

export interface RetrospectiveStatus {
  /** Start of the meeting at which the CAB should decide it. */
  dueAt: Date;
  overdue: boolean;
}

export interface ChangeItem {
  type: "change";
  crId: string;
  number: string;
  summary: string;
  risk: RiskLevel;
  requester: { id: string; name: string };
  status: "AWAITING" | "APPROVED" | "REJECTED" | "CHANGES_REQUESTED";
  /** Present when the requester chose a lower risk than the questionnaire suggested. */
  riskBelowSuggestion: { suggested: RiskLevel; justification: string } | null;
  votes: AgendaVote[];
  emergency: boolean;
  retrospective: RetrospectiveStatus | null;
}
export interface DeploymentItem {
  type: "deployment";
  deploymentId: string;
  crId: string | null;
  number: string | null;
  summary: string;
  risk: RiskLevel | null;
  kind: DeploymentKind;
  outcome: AgendaDeployment["outcome"];
  finishedAt: Date | null;
}
export interface IncidentItem {
  type: "incident";
  incidentId: string;
  severity: string;
  title: string;
  declaredAt: Date;
  resolvedAt: Date | null;
}
export type AgendaItem = ChangeItem | DeploymentItem | IncidentItem;

export type AgendaSectionId = "UPCOMING" | "HIGH_RISK" | "PREVIOUS_WEEK" | "INCIDENT_RETRO";
export interface AgendaSection {
  id: AgendaSectionId;
  title: string;
  minutes: number;
  items: AgendaItem[];
}

export interface AgendaInput {
  meeting: AgendaMeeting;
  changes: readonly AgendaCr[];
  deployments: readonly AgendaDeployment[];
  incidents: readonly AgendaIncident[];
  policy: Policy;
  now: Date;
}

/** The seed's agenda: titles and time boxes. */
export const AGENDA_SECTIONS: readonly { id: AgendaSectionId; title: string; minutes: number }[] = [
  { id: "UPCOMING", title: "Review upcoming changes", minutes: 15 },
  { id: "HIGH_RISK", title: "Discuss high-risk changes", minutes: 20 },
  { id: "PREVIOUS_WEEK", title: "Review previous week's changes", minutes: 15 },
  { id: "INCIDENT_RETRO", title: "Incident retrospective", minutes: 10 },
];

const byTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? 0) - (b?.getTime() ?? 0);

/** When an emergency change's retrospective is due, and whether that meeting passed undecided. */
export function retrospectiveStatus(
  cr: Pick<AgendaCr, "emergency" | "retroStatus" | "createdAt" | "submittedAt">,
  policy: Policy,
  now: Date,
): RetrospectiveStatus | null {
  if (!cr.emergency || cr.retroStatus !== "PENDING") return null;
  const due = retrospectiveMeetingFor(cr.submittedAt ?? cr.createdAt, policy);
  return { dueAt: due.startsAt, overdue: due.endsAt.getTime() <= now.getTime() };
}

function votedAt(cr: AgendaCr, meetingId: string, kind: ApprovalKind): boolean {
  return cr.approvals.some((a) => a.meetingId === meetingId && a.kind === kind && a.round === cr.approvalRound);
}

function changeItem(cr: AgendaCr, policy: Policy, retrospective: RetrospectiveStatus | null, retro: boolean): ChangeItem {
  const tally = tallyApprovals(cr, cr.approvals, policy);
  const counted = retro ? tally.retrospective.votes : tally.votes;
  const outcome = retro ? tally.retrospective.outcome : tally.outcome;
  return {
    type: "change",
    crId: cr.id,
    number: cr.number,
    summary: cr.summary,
    risk: cr.risk,
    requester: { id: cr.requesterId, name: cr.requesterName },
    status: outcome === "PENDING" ? "AWAITING" : outcome,
    riskBelowSuggestion:
      cr.suggestedRisk && isBelowSuggestion(cr.risk, cr.suggestedRisk)
        ? { suggested: cr.suggestedRisk, justification: cr.riskJustification ?? "" }
        : null,
    votes: counted
      .map((v) => ({
        userId: v.userId,
        name: v.userName ?? null,
        seat: cabSeatOf(v.roles),
        kind: v.kind,
        decision: v.decision,
        comment: v.comment ?? null,
        at: v.createdAt,
      }))
      .sort((a, b) => byTime(a.at, b.at)),
    emergency: cr.emergency,
    retrospective,
  };
}

/** The key the meeting's current item and the agenda walk name an item by. */
export const agendaItemKey = (item: AgendaItem) =>
  item.type === "change" ? changeKey(item.crId) : item.type === "deployment" ? `deployment:${item.deploymentId}` : `incident:${item.incidentId}`;

const changeKey = (crId: string) => `change:${crId}`;

/** One place on the agenda: its key, and the item, built on demand (a change's item tallies its votes). */
interface Entry {
  key: string;
  item: () => AgendaItem;
}
const ready = (item: AgendaItem): Entry => ({ key: agendaItemKey(item), item: () => item });

export function buildAgenda(input: AgendaInput): AgendaSection[] {
  return agendaEntries(input).map(({ entries, ...s }) => ({ ...s, items: entries.map((e) => e.item()) }));
}

/** A section of which only some items are built: every item's key in order, and their number. */
export interface AgendaSectionView extends AgendaSection {
  /** Every item's key, in agenda order (items holds only those `show` picked). */
  keys: string[];
  total: number;
}

export type AgendaShow = (section: AgendaSectionId, index: number, key: string) => boolean;

/**
 * The agenda with only the items `show` picks built (a page shows each section's first items): the
 * same sections, order and keys as buildAgenda, without tallying the votes of changes nobody sees.
 */
export function buildAgendaView(input: AgendaInput, show: AgendaShow): AgendaSectionView[] {
  return agendaEntries(input).map(({ entries, ...s }) => ({
    ...s,
    items: entries.filter((e, i) => show(s.id, i, e.key)).map((e) => e.item()),
    keys: entries.map((e) => e.key),
    total: entries.length,
  }));
}

function agendaEntries(input: AgendaInput): (Omit<AgendaSection, "items"> & { entries: Entry[] })[] {
  const { meeting, policy, now } = input;
  const start = meeting.startsAt.getTime();
  // Decided items stay on the agenda they were decided at, so the page does not lose the row the
  // board is looking at the moment its vote lands.
  const onThisAgenda = (cr: AgendaCr) =>
    !cr.emergency &&
    cr.cabMeetingId === meeting.id &&
    cr.state !== "CANCELLED" &&
    (cr.state === "SUBMITTED" || votedAt(cr, meeting.id, "STANDARD"));
  const ordered = [...input.changes].sort((a, b) => byTime(a.submittedAt, b.submittedAt) || a.number.localeCompare(b.number));
  const upcoming = ordered.filter((cr) => onThisAgenda(cr) && cr.risk !== "HIGH");
  const highRisk = ordered.filter((cr) => onThisAgenda(cr) && cr.risk === "HIGH");

  const weekBefore = DateTime.fromJSDate(meeting.startsAt, { zone: policy.timeZone }).minus({ days: 7 }).toMillis();
  const previousWeek: DeploymentItem[] = input.deployments
    .filter((d) => d.finishedAt && d.finishedAt.getTime() >= weekBefore && d.finishedAt.getTime() < start)
    .sort((a, b) => byTime(a.finishedAt, b.finishedAt))
    .map((d) => ({
      type: "deployment",
      deploymentId: d.id,
      crId: d.crId,
      number: d.crNumber,
      summary: d.summary,
      risk: d.risk,
      kind: d.kind,
      outcome: d.outcome,
      finishedAt: d.finishedAt,
    }));

  // Pending retrospectives due at this meeting or earlier (overdue ones keep coming back), plus
  // any decided at this meeting.
  // Computed once per change: it walks the calendar in the org zone, the costly part on a
  // 300-change agenda.
  const retroOf = new Map(ordered.map((cr) => [cr.id, retrospectiveStatus(cr, policy, now)]));
  const retros = ordered.filter((cr) => {
    if (!cr.emergency || cr.state === "CANCELLED") return false;
    if (votedAt(cr, meeting.id, "RETROSPECTIVE")) return true;
    const status = retroOf.get(cr.id);
    return !!status && status.dueAt.getTime() <= start;
  });
  const since = previousMeeting(meeting.startsAt, policy).startsAt.getTime();
  const incidents: IncidentItem[] = input.incidents
    .filter((i) => i.declaredAt.getTime() >= since && i.declaredAt.getTime() < start)
    .sort((a, b) => byTime(a.declaredAt, b.declaredAt))
    .map((i) => ({ type: "incident", incidentId: i.id, severity: i.severity, title: i.title, declaredAt: i.declaredAt, resolvedAt: i.resolvedAt }));

  const change = (cr: AgendaCr, retro: boolean): Entry => ({
    key: changeKey(cr.id),
    item: () => changeItem(cr, policy, retro ? (retroOf.get(cr.id) ?? null) : null, retro),
  });
  const entries: Record<AgendaSectionId, Entry[]> = {
    UPCOMING: upcoming.map((cr) => change(cr, false)),
    HIGH_RISK: highRisk.map((cr) => change(cr, false)),
    PREVIOUS_WEEK: previousWeek.map(ready),
    INCIDENT_RETRO: [...retros.map((cr) => change(cr, true)), ...incidents.map(ready)],
  };
  return AGENDA_SECTIONS.map((s) => ({ ...s, entries: entries[s.id] }));
}

/** Emergency changes whose retrospective meeting has passed without a decision (dashboard count). */
export function overdueRetrospectives<T extends Pick<AgendaCr, "emergency" | "retroStatus" | "createdAt" | "submittedAt">>(
  changes: readonly T[],
  policy: Policy,
  now: Date,
): T[] {
  return changes.filter((cr) => retrospectiveStatus(cr, policy, now)?.overdue === true);
}
