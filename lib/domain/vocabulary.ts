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
export const DEPLOYMENT_KIND_LABELS: Record<DeploymentKind, string> = { DEPLOY: "Deploy", ROLLBACK: "Rollback", FLAG_ROLLOUT: "Flag rollout" };
