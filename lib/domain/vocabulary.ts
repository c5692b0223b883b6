// The words of the domain, shared by every layer. The string values equal the database enums
// (prisma/schema.prisma), so rows map to domain values without translation.

export const ROLES = ["ENGINEER", "CAB_MEMBER", "CTO", "ENG_MANAGER", "SRE", "PRODUCT", "SECURITY", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  ENGINEER: "Engineer",
  CAB_MEMBER: "CAB member",
  CTO: "CTO",
  ENG_MANAGER: "Engineering manager",
  SRE: "SRE",
  PRODUCT: "Product",
  SECURITY: "Security",
  ADMIN: "Admin",
};

export const RISK_LEVELS = ["LOW", "MEDIUM", "HIGH"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LABELS: Record<RiskLevel, string> = { LOW: "Low", MEDIUM: "Medium", HIGH: "High" };
export const RISK_RANK: Record<RiskLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

export const CHANGE_TYPES = ["FEATURE", "PERFORMANCE", "BUG_FIX", "SECURITY_FIX", "INFRASTRUCTURE"] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];
export const CHANGE_TYPE_LABELS: Record<ChangeType, string> = {
  FEATURE: "Feature",
  PERFORMANCE: "Performance improvement",
  BUG_FIX: "Bug fix",
  SECURITY_FIX: "Security fix",
  INFRASTRUCTURE: "Infrastructure change",
};

export const CR_STATES = [
  "DRAFT",
  "SUBMITTED",
  "APPROVED",
  "REJECTED",
  "SCHEDULED",
  "DEPLOYING",
  "DEPLOYED",
  "ROLLED_BACK",
  "FAILED",
  "CLOSED",
  "CANCELLED",
] as const;
export type CrState = (typeof CR_STATES)[number];
/** A change in one of these will never be deployed: its window is free again, and a hotfix link from it counts for nothing. */
export const ABANDONED_CR_STATES: readonly CrState[] = ["CANCELLED", "REJECTED"];
export const CR_STATE_LABELS: Record<CrState, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  SCHEDULED: "Scheduled",
  DEPLOYING: "Deploying",
  DEPLOYED: "Deployed",
  ROLLED_BACK: "Rolled back",
  FAILED: "Failed",
  CLOSED: "Closed",
  CANCELLED: "Cancelled",
};

export const GATE_KINDS = [
  "UNIT",
  "INTEGRATION",
  "FULL_SUITE",
  "SMOKE",
  "COVERAGE",
  "DEPENDENCY_AUDIT",
  "SAST",
  "SECURITY_SCAN",
  "LOAD_TEST",
] as const;
export type GateKind = (typeof GATE_KINDS)[number];
export const GATE_LABELS: Record<GateKind, string> = {
  UNIT: "Unit tests",
  INTEGRATION: "Integration tests",
  FULL_SUITE: "Full test suite",
  SMOKE: "Smoke tests",
  COVERAGE: "Code coverage",
  DEPENDENCY_AUDIT: "Dependency audit",
  SAST: "SAST scan",
  SECURITY_SCAN: "Security scan",
  LOAD_TEST: "Load test",
};

/** A code deploy, a manual rollback, or a flag's guarded rollout (the orchestrator drives deploys and rollouts alike). */
export const DEPLOYMENT_KINDS = ["DEPLOY", "ROLLBACK", "FLAG_ROLLOUT"] as const;
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number];

export const DEPLOYMENT_STATES = ["PENDING", "PRE_TRAFFIC", "SHIFTING", "POST_TRAFFIC", "VALIDATING", "ROLLING_BACK", "SUCCEEDED", "ROLLED_BACK", "FAILED"] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];
/** A deployment in one of these has ended: it holds no alias lock and no worker drives it. */
export const TERMINAL_DEPLOYMENT_STATES: readonly DeploymentState[] = ["SUCCEEDED", "ROLLED_BACK", "FAILED"];
export const DEPLOYMENT_STATE_LABELS: Record<DeploymentState, string> = {
  PENDING: "Pending",
  PRE_TRAFFIC: "Pre-traffic checks",
  SHIFTING: "Shifting traffic",
  POST_TRAFFIC: "Post-traffic checks",
  VALIDATING: "Validating",
  ROLLING_BACK: "Rolling back",
  SUCCEEDED: "Succeeded",
  ROLLED_BACK: "Rolled back",
  FAILED: "Failed",
};

/** An enum-like code ("MANUAL_ROLLBACK", "rollout_step") in words, for codes no map names yet. */
export function codeWords(code: string): string {
  const s = code.replace(/[_.-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A deployment's state in words; a state this build does not know reads as its code in words. */
export function deploymentStateLabel(state: string): string {
  return (DEPLOYMENT_STATE_LABELS as Record<string, string>)[state] ?? codeWords(state);
}

/**
 * The kinds of a deployment's timeline events (DeploymentEvent.kind, written by lib/deploy and the
 * deployment services) in words. Hook events are `<PHASE>_HOOK_<RESULT>`; the rest read by codeWords.
 */
export const DEPLOYMENT_EVENT_LABELS: Record<string, string> = {
  ...DEPLOYMENT_STATE_LABELS,
  STARTED: "Started",
  SHIFTED: "Traffic shifted",
  VALIDATING: "Watching",
  GATE_BREACHED: "Gate breached",
  ALARM_BREACHED: "Alarm went off",
  ALARM_UNREADABLE: "Alarm unreadable",
  ECS_PROGRESS: "ECS progress",
  ROLLBACK_STARTED: "Rolling back",
  ROLLBACK_ATTEMPT_FAILED: "Rollback attempt failed",
  ALIAS_RESTORED: "Alias restored",
  MANUAL_ROLLBACK_STARTED: "Manual rollback started",
  MANUAL_ROLLBACK: "Manual rollback",
  ABORT_REQUESTED: "Abort requested",
  PRE_TRAFFIC_HOOK_PASSED: "Pre-traffic hook passed",
  PRE_TRAFFIC_HOOK_FAILED: "Pre-traffic hook failed",
  PRE_TRAFFIC_HOOK_SKIPPED: "Pre-traffic hook skipped",
  POST_TRAFFIC_HOOK_PASSED: "Post-traffic hook passed",
  POST_TRAFFIC_HOOK_FAILED: "Post-traffic hook failed",
  POST_TRAFFIC_HOOK_SKIPPED: "Post-traffic hook skipped",
};

export function deploymentEventLabel(kind: string): string {
  return DEPLOYMENT_EVENT_LABELS[kind] ?? codeWords(kind);
}

/** CabMeeting.status (a string column). */
export const MEETING_STATUS_LABELS: Record<string, string> = { SCHEDULED: "Scheduled", IN_PROGRESS: "In progress", CLOSED: "Closed", CANCELLED: "Cancelled" };
export const meetingStatusLabel = (status: string) => MEETING_STATUS_LABELS[status] ?? codeWords(status);

export const APPROVAL_KINDS = ["STANDARD", "VERBAL_EMERGENCY", "RETROSPECTIVE", "AUTOMATED"] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_KIND_LABELS: Record<ApprovalKind, string> = {
  STANDARD: "Vote",
  VERBAL_EMERGENCY: "Verbal emergency approval",
  RETROSPECTIVE: "Retrospective vote",
  AUTOMATED: "Automated",
};

/** An approver as the history lists it: a person's name, or an approval kind without a person (AUTOMATED). */
export function approverWords(nameOrKind: string): string {
  if (nameOrKind === "AUTOMATED") return "CI/CD (automated)";
  return (APPROVAL_KIND_LABELS as Record<string, string>)[nameOrKind] ?? nameOrKind;
}
