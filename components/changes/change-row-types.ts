// What the change components render, stated here so the UI depends on plain shapes, not on the
// server's read models (lib/server/change-queries returns rows that satisfy these).
import type { ChangeType, CrState, RiskLevel } from "@/lib/domain/vocabulary";

export interface ChangeRowView {
  id: string;
  number: string;
  summary: string;
  state: CrState;
  risk: RiskLevel;
  type: ChangeType;
  emergency: boolean;
  retroStatus: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  windowStart: Date;
  windowTimeZone: string;
  service: { name: string };
  requester: { name: string };
}

export interface ChangeDetailView {
  type: ChangeType;
  description: string;
  monitoringPlan: string;
  affectedServiceNames: string[];
  implementationStepMinutes: number[];
  servicesAffected: string;
  usersAffected: string;
  downtimeRequired: boolean;
  rollbackPlan: string;
  implementationSteps: string[];
  testedInDev: boolean;
  testedInStaging: boolean;
  loadTested2x: boolean;
  verifiedMetrics: boolean;
  rollbackProcedure: string;
  targetVersion: string;
  strategy: string;
  windowStart: Date;
  windowDurationMin: number;
  windowTimeZone: string;
  onCallUser: { name: string } | null;
  service: { name: string; functionName: string; alias: string; awsRegion: string; team: { name: string } };
  /** The deployment this change fixes (a hotfix); finishedAt as ISO-8601 UTC. */
  hotfixFor?: { id: string; toVersion: string; outcome: "SUCCEEDED" | "FAILED" | "ROLLED_BACK" | null; finishedAt: string | null; crId: string | null; crNumber: string | null } | null;
}

/** A flag change's target, in place of "Version to deploy" (lib/server/flag-change-view returns it). */
export interface FlagChangeDetailView {
  flag: { id: string; name: string; parameterName: string; stickiness: string };
  from: string;
  to: string;
  addedIds: string[];
  steps: { percentage: number; holdMinutes: number }[];
  baseVersion: number | null;
}
