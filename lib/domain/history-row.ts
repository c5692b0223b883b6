// One deployment as the history table and its CSV export show it. Both render from these helpers, so
// a downloaded file says exactly what the table said (same outcome words, same local times).
import type { DeploymentKind } from "./vocabulary";
import { localDateTime, zoneOffsetMs } from "./local-time";

/**
 * What the five metrics read beyond outcome and times, carried by every row so the CSV recomputes the
 * dashboard (the definitions on /metrics say how, column by column).
 */
export interface MetricInputs {
  commitSha: string | null;
  /** The commit time lead time measures from (CI's earliest reported commit, else the CR's). */
  commitTime: Date | null;
  /** Gate breach reading, or for a manual rollback the incident's start or "problem seen at". */
  issueDetectedAt: Date | null;
  /** Rolled-back deployments only: when the rollback completed (a manual rollback's finish, else finishedAt). */
  rolledBackAt: Date | null;
  /** The deployment this row's change request fixes: "<deployment id> (CR-…)". */
  hotfixOf: string | null;
  /** Hotfix change requests (not cancelled or rejected) naming this deployment; any makes it a change failure. */
  hotfixedBy: string[];
}

export interface HistoryRow extends MetricInputs {
  id: string;
  kind: DeploymentKind;
  serviceId: string;
  serviceName: string;
  teamName: string;
  crId: string | null;
  crNumber: string | null;
  risk: "LOW" | "MEDIUM" | "HIGH" | null;
  requesterName: string | null;
  approvers: string[];
  strategy: string;
  fromVersion: string;
  toVersion: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: "SUCCEEDED" | "FAILED" | "ROLLED_BACK" | null;
  rollbackKind: string | null;
  reason: string | null;
}

export type OutcomeTone = "green" | "red" | "amber" | "blue" | "slate";

/** "Succeeded", "Rolled back automatically", "Running", … — the words a manager reads. */
export function outcomeLabel(r: Pick<HistoryRow, "kind" | "outcome" | "rollbackKind">): string {
  const prefix = r.kind === "ROLLBACK" ? "Rollback operation: " : "";
  switch (r.outcome) {
    case null:
      return `${prefix}Running`;
    case "SUCCEEDED":
      return `${prefix}Succeeded`;
    case "FAILED":
      return `${prefix}Failed`;
    case "ROLLED_BACK":
      return r.rollbackKind === "AUTOMATIC"
        ? "Rolled back automatically"
        : r.rollbackKind === "MANUAL"
          ? "Rolled back manually"
          : "Rolled back";
  }
}

export function outcomeTone(outcome: HistoryRow["outcome"]): OutcomeTone {
  return outcome === "SUCCEEDED" ? "green" : outcome === "FAILED" ? "red" : outcome === "ROLLED_BACK" ? "amber" : "blue";
}

/** Whole seconds between start and end; null while running (or for an end before the start). */
export function durationSeconds(r: Pick<HistoryRow, "startedAt" | "finishedAt">): number | null {
  if (!r.finishedAt) return null;
  const s = Math.round((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000);
  return s >= 0 ? s : null;
}

/** "4 min 05 s", "1 h 02 min", "12 s". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${String(seconds % 60).padStart(2, "0")} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, "0")} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Local date and time in the organisation's zone, "2024-03-31 14:05". */
export function formatLocal(instant: Date | null, zone: string): string {
  return instant ? localDateTime(instant, zone) : "";
}

const SLOT_MS = 15 * 60_000;
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * formatLocal for many instants (the CSV export's 300,000 rows): formatting each value in the zone
 * costs more than the rest of the row, so the zone's UTC offset is looked up once per 15-minute slot
 * and reused while both ends of the slot agree on it (a clock change inside a slot formats each value).
 */
export function localFormatter(zone: string): (instant: Date | null) => string {
  let slot = NaN;
  let offsetMs: number | null = null;
  return (instant) => {
    if (!instant) return "";
    const t = instant.getTime();
    const s = Math.floor(t / SLOT_MS);
    if (s !== slot) {
      slot = s;
      const a = zoneOffsetMs(new Date(s * SLOT_MS), zone);
      const b = zoneOffsetMs(new Date(s * SLOT_MS + SLOT_MS - 1), zone);
      offsetMs = a === b ? a : null;
    }
    if (offsetMs === null) return formatLocal(instant, zone);
    const d = new Date(t + offsetMs);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
}

export const HISTORY_CSV_HEADER = [
  "Deployment",
  "Service",
  "Team",
  "Change request",
  "Risk",
  "Requester",
  "Approvers",
  "Strategy",
  "From version",
  "To version",
  "Started (local)",
  "Finished (local)",
  "Started (UTC)",
  "Finished (UTC)",
  "Duration (s)",
  "Outcome",
  "Reason",
  "Kind",
  "Commit SHA",
  "Commit time (UTC)",
  "Issue detected (UTC)",
  "Rollback completed (UTC)",
  "Hotfix of",
  "Hotfixed by",
] as const;

/** The Kind column: the metrics count "Deployment" rows only, never rollback operations. */
export const KIND_WORDS: Record<DeploymentKind, string> = { DEPLOY: "Deployment", ROLLBACK: "Rollback operation", FLAG_ROLLOUT: "Flag rollout" };

/** One CSV record; `local` formats times in the org zone (pass one localFormatter for a whole file). */
export function historyCsvRecord(r: HistoryRow, zone: string, local: (d: Date | null) => string = (d) => formatLocal(d, zone)): (string | number | null)[] {
  return [
    r.id,
    r.serviceName,
    r.teamName,
    r.crNumber,
    r.risk,
    r.requesterName,
    r.approvers.join("; "),
    r.strategy,
    r.fromVersion,
    r.toVersion,
    local(r.startedAt),
    local(r.finishedAt),
    r.startedAt.toISOString(),
    r.finishedAt?.toISOString() ?? null,
    durationSeconds(r),
    outcomeLabel(r),
    r.reason,
    KIND_WORDS[r.kind],
    r.commitSha,
    r.commitTime?.toISOString() ?? null,
    r.issueDetectedAt?.toISOString() ?? null,
    r.rolledBackAt?.toISOString() ?? null,
    r.hotfixOf,
    r.hotfixedBy.join("; "),
  ];
}
