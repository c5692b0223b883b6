"use client";
import { useFormContext } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { CHANGE_TYPE_LABELS, CHANGE_TYPES, RISK_LEVELS } from "@/lib/domain/vocabulary";
import type { ChangeRequestFields } from "@/lib/schemas/change-request";
import { ImplementationSteps } from "./implementation-steps";
import { DeploymentSection } from "./deployment-section";
import { HotfixField } from "./hotfix-field";
import { RiskAssessmentSection } from "./risk-assessment-section";
import type { Policy } from "@/lib/domain/policy";
import { CheckboxRow, RadioRow, TextArea, TextInput } from "./form-controls";

export interface FormChoices {
  services: { id: string; name: string; kind: "LAMBDA" | "ECS"; functionName: string; alias: string; onCallUserId: string | null }[];
  /** ECS services' ACTIVE task definition revisions ("family:revision", newest first), by service id. */
  ecsRevisions?: Record<string, { family: string | null; revisions: string[]; running: string | null; error: string | null }>;
  users: { id: string; name: string }[];
  timeZones: readonly string[];
  /** Deployments a hotfix may name, per service id (hotfix-link.ts). */
  hotfixChoices?: Record<string, { id: string; label: string }[]>;
}

const RISK_HINTS = {
  LOW: "Low (automatic approval once CI gates pass)",
  MEDIUM: "Medium (CAB approval, business hours)",
  HIGH: "High (CAB + CTO approval, after hours)",
} as const;

export function ChangeFormSections({ choices, riskPolicy }: { choices: FormChoices; riskPolicy: Pick<Policy, "riskAssessment"> }) {
  const { formState } = useFormContext<ChangeRequestFields>();
  const e = formState.errors;
  return (
    <>
      <Card title="Summary">
        <div className="space-y-4">
          <TextInput name="summary" label="Summary" error={e.summary?.message} placeholder="Update Lambda memory from 512MB to 1024MB to reduce duration and cost" />
          <RadioRow name="type" legend="Type" options={CHANGE_TYPES.map((t) => ({ value: t, label: CHANGE_TYPE_LABELS[t] }))} error={e.type?.message} />
          <RadioRow name="risk" legend="Risk level" options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_HINTS[r] }))} error={e.risk?.message} />
        </div>
      </Card>
      <RiskAssessmentSection riskPolicy={riskPolicy} />
      <Card title="Impact">
        <div className="grid gap-4 md:grid-cols-2">
          <TextInput name="servicesAffected" label="Services affected" error={e.servicesAffected?.message} />
          <TextInput name="usersAffected" label="Users affected" error={e.usersAffected?.message} />
          <CheckboxRow name="downtimeRequired" label="Downtime required" />
          <TextArea name="rollbackPlan" label="Rollback plan" rows={2} error={e.rollbackPlan?.message} className="md:col-span-2" />
        </div>
      </Card>
      <Card title="Implementation plan">
        <ImplementationSteps />
      </Card>
      <Card title="Testing">
        <div className="grid gap-2 md:grid-cols-2">
          <CheckboxRow name="testedInDev" label="Tested in development" />
          <CheckboxRow name="testedInStaging" label="Tested in staging" />
          <CheckboxRow name="loadTested2x" label="Load tested with 2x production traffic" />
          <CheckboxRow name="verifiedMetrics" label="Verified metrics and alarms" />
        </div>
      </Card>
      <Card title="Rollback procedure">
        <TextArea name="rollbackProcedure" label="Commands or steps to undo the change" rows={4} mono error={e.rollbackProcedure?.message} />
      </Card>
      <DeploymentSection choices={choices} />
      <HotfixField choices={choices} />
      <Card title="Approvals">
        <p className="text-sm text-slate-600">
          Filled in after you submit: the approvals this change needs follow from its risk level under the policy in force
          at submission, and are collected on the change&apos;s page and at the weekly CAB meeting.
        </p>
      </Card>
    </>
  );
}
