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
import { AffectedServices } from "./affected-services";
import type { LoadVersions } from "./lambda-version-field";

export interface FormChoices {
  services: { id: string; name: string; kind: "LAMBDA" | "ECS"; functionName: string; alias: string; onCallUserId: string | null }[];
  /** ECS services' ACTIVE task definition revisions ("family:revision", newest first), by service id. */
  ecsRevisions?: Record<string, { family: string | null; revisions: string[]; running: string | null; error: string | null }>;
  users: { id: string; name: string }[];
  timeZones: readonly string[];
  /** Deployments a hotfix may name, per service id (hotfix-link.ts). */
  hotfixChoices?: Record<string, { id: string; label: string }[]>;
  /** Reads a Lambda service's published versions when it is chosen (a server action). */
  loadVersions?: LoadVersions;
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
          <TextInput name="summary" label="Summary" error={e.summary?.message} placeholder="Update Lambda memory from 512MB to 1024MB to reduce duration and cost" hint="One line: what changes. It names the change in lists, the calendar and the CAB agenda." />
          <TextArea
            name="description"
            label="Description and justification"
            rows={3}
            error={e.description?.message}
            hint="What changes and why now: the problem it solves or the benefit, and what happens if we do not make it."
          />
          <RadioRow name="type" legend="Type" hint="What kind of change this is; the delivery metrics group by it." options={CHANGE_TYPES.map((t) => ({ value: t, label: CHANGE_TYPE_LABELS[t] }))} error={e.type?.message} />
          <RadioRow name="risk" legend="Risk level" hint="Decides who approves, which gates must pass and when it may deploy. Answer the risk questions below for a suggestion." options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_HINTS[r] }))} error={e.risk?.message} />
        </div>
      </Card>
      <RiskAssessmentSection riskPolicy={riskPolicy} />
      <Card title="Impact">
        <div className="grid gap-4 md:grid-cols-2">
          <AffectedServices choices={choices} />
          <TextInput name="usersAffected" label="Users affected" error={e.usersAffected?.message} placeholder="None (transparent change)" hint="Who notices the change or an outage of it, and how many." />
          <CheckboxRow name="downtimeRequired" label="Downtime required" hint="Tick if the service is unavailable at any point during the change." />
          <TextArea
            name="rollbackPlan"
            label="Rollback plan"
            rows={2}
            error={e.rollbackPlan?.message}
            className="md:col-span-2"
            placeholder="Roll back if the error rate stays above 1 % for 5 minutes: switch the alias back to the previous version."
            hint="One sentence: when we decide to roll back and how. The exact commands go under Rollback procedure."
          />
        </div>
      </Card>
      <Card title="Implementation plan">
        <ImplementationSteps />
      </Card>
      <Card title="Testing">
        <p className="mb-2 text-xs text-slate-500">What has been tested before production; the gates the risk level requires are checked separately.</p>
        <div className="grid gap-2 md:grid-cols-2">
          <CheckboxRow name="testedInDev" label="Tested in development" />
          <CheckboxRow name="testedInStaging" label="Tested in staging" />
          <CheckboxRow name="loadTested2x" label="Load tested with 2x production traffic" />
          <CheckboxRow name="verifiedMetrics" label="Verified metrics and alarms" />
        </div>
      </Card>
      <Card title="Monitoring plan">
        <TextArea
          name="monitoringPlan"
          label="What you watch after deploying, and for how long"
          rows={3}
          error={e.monitoringPlan?.message}
          placeholder="Error rate, p95 duration and throttles on the service dashboard for 1 hour; alarms ErrorRateAlarm and AutoRollback-HighErrors."
          hint="Which dashboards, metrics and alarms show the change is healthy, who watches them and for how long."
        />
      </Card>
      <Card title="Rollback procedure">
        <TextArea
          name="rollbackProcedure"
          label="Commands or steps to undo the change"
          rows={4}
          mono
          error={e.rollbackProcedure?.message}
          placeholder="aws lambda update-alias --function-name my-fn --name live --function-version 41"
          hint="The exact commands (or console steps) someone on call can run without you, in order. When to run them is the Rollback plan."
        />
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
