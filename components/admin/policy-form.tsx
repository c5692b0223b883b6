"use client";
// The approval policy as a form: per risk level the approvals, tests, window and on-call rule (the
// seed's approval matrix), then the CAB, windows and gate thresholds. Risk-question weights are edited
// in the JSON view only.
import { APPROVER_LABELS, APPROVERS, AUDIT_SEVERITIES, WEEKDAY_SHORT, type IsoWeekday } from "@/lib/domain/policy";
import { COMMON_TIME_ZONES } from "@/lib/domain/local-time";
import { gateName } from "@/lib/domain/readiness";
import { GATE_KINDS, RISK_LABELS, RISK_LEVELS } from "@/lib/domain/vocabulary";
import { CheckList, NumberInput, SelectInput, TimeInput, Toggle, type PolicyCtx } from "./policy-fields";
import { readPath } from "./policy-paths";

const WINDOWS = [
  { value: "ANYTIME", label: "Anytime" },
  { value: "BUSINESS_HOURS", label: "Business hours" },
  { value: "AFTER_HOURS", label: "After hours" },
] as const;
const ON_CALL = [
  { value: "NONE", label: "No on-call rule" },
  { value: "AVAILABLE", label: "An on-call engineer is named" },
  { value: "PRESENT", label: "The on-call engineer confirmed being present" },
] as const;
const DAYS = ([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]).map((d) => ({ value: d, label: WEEKDAY_SHORT[d] }));
const APPROVER_OPTIONS = APPROVERS.map((a) => ({ value: a, label: APPROVER_LABELS[a] }));
const GATE_OPTIONS = GATE_KINDS.map((g) => ({ value: g, label: gateName(g) }));

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-800">{title}</legend>
      {hint && <p className="-mt-1 text-xs text-slate-500">{hint}</p>}
      {children}
    </fieldset>
  );
}

export function PolicyForm({ ctx }: { ctx: PolicyCtx }) {
  const zone = readPath(ctx.policy, ["timeZone"]);
  const zones = [...new Set([...(typeof zone === "string" ? [zone] : []), ...COMMON_TIME_ZONES])].map((z) => ({ value: z, label: z }));
  return (
    <div className="space-y-4">
      {[...RISK_LEVELS].reverse().map((risk) => (
        <Section key={risk} title={`${RISK_LABELS[risk]} risk`}>
          <CheckList ctx={ctx} path={["rules", risk, "approvals"]} legend="Approvals needed" options={APPROVER_OPTIONS} hint="CAB: the board's quorum approves. CTO: the CTO approves too. Automated: approved once the tests below pass." />
          <CheckList ctx={ctx} path={["rules", risk, "gates"]} legend="Tests required before deploying" options={GATE_OPTIONS} />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectInput ctx={ctx} path={["rules", risk, "window"]} label="Deployment window" options={WINDOWS} />
            <SelectInput ctx={ctx} path={["rules", risk, "onCall"]} label="On-call engineer" options={ON_CALL} />
          </div>
          <Toggle ctx={ctx} path={["rules", risk, "selfReportedGates"]} label="The requester's own test results count" hint="Off: results the requester typed in do not satisfy the tests; CI/CD's, or someone else's, are needed." />
        </Section>
      ))}
      <Section title="CAB votes">
        <div className="grid gap-3 sm:grid-cols-2">
          <NumberInput ctx={ctx} path={["cab", "quorum"]} label="CAB quorum" hint="Approvals a change needs from the board." />
          <NumberInput ctx={ctx} path={["cab", "distinctSeats"]} label="Different CAB seats" hint="Approvals must come from at least this many seats (engineering lead, SRE, product, security)." />
          <NumberInput ctx={ctx} path={["cab", "rejectionsToReject"]} label="CAB rejections that reject a change" hint="1: any single rejection sends the change back until it is revised." />
          <NumberInput ctx={ctx} path={["cab", "agendaCutoffHours"]} label="Agenda cut-off" unit="hours" hint="Changes submitted later go to the next meeting." />
        </div>
        <Toggle ctx={ctx} path={["cab", "outOfMeeting", "allowed"]} label="Changes may be approved outside the meeting" />
        <NumberInput ctx={ctx} path={["cab", "outOfMeeting", "approvals"]} label="Approvals needed outside the meeting" />
      </Section>
      <Section title="CAB meeting">
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectInput ctx={ctx} path={["cab", "meeting", "weekday"]} label="Meeting day" options={DAYS} />
          <TimeInput ctx={ctx} path={["cab", "meeting", "start"]} label="Meeting start" />
          <NumberInput ctx={ctx} path={["cab", "meeting", "durationMinutes"]} label="Meeting length" unit="minutes" />
          <NumberInput ctx={ctx} path={["cab", "meeting", "startToleranceMinutes"]} label="Meeting start tolerance" unit="minutes" hint="A meeting can start this long before its slot; votes count as in-meeting until this long past its end." />
        </div>
      </Section>
      <Section title="Deployment windows" hint="Times are local to the organisation's time zone.">
        <SelectInput ctx={ctx} path={["timeZone"]} label="Organisation's time zone" options={zones} />
        <CheckList ctx={ctx} path={["businessHours", "days"]} legend="Business days" options={DAYS} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TimeInput ctx={ctx} path={["businessHours", "start"]} label="Business hours start" />
          <TimeInput ctx={ctx} path={["businessHours", "end"]} label="Business hours end" />
          <TimeInput ctx={ctx} path={["afterHours", "start"]} label="After hours start (evening)" />
          <TimeInput ctx={ctx} path={["afterHours", "end"]} label="After hours end (next morning)" />
        </div>
        <CheckList ctx={ctx} path={["afterHours", "allDays"]} legend="Days that are after hours all day" options={DAYS} />
        <NumberInput ctx={ctx} path={["onCall", "confirmationValidHours"]} label="On-call “I am present” stays valid for" unit="hours" />
      </Section>
      <Section title="Test thresholds and suggested risk">
        <div className="grid gap-3 sm:grid-cols-2">
          <NumberInput ctx={ctx} path={["gates", "coverageMinPct"]} label="Minimum coverage" unit="%" />
          <NumberInput ctx={ctx} path={["gates", "loadTestP95MaxMs"]} label="Load test p95 limit" unit="ms" />
          <SelectInput ctx={ctx} path={["gates", "dependencyAudit", "minSeverity"]} label="Dependency audit counts findings from" options={AUDIT_SEVERITIES.map((s) => ({ value: s, label: `${s} and worse` }))} />
          <NumberInput ctx={ctx} path={["gates", "dependencyAudit", "maxFindings"]} label="Allowed dependency findings" />
          <NumberInput ctx={ctx} path={["riskAssessment", "mediumAt"]} label="Suggest Medium risk from" unit="points" />
          <NumberInput ctx={ctx} path={["riskAssessment", "highAt"]} label="Suggest High risk from" unit="points" />
        </div>
        <Toggle ctx={ctx} path={["flags", "integerPercentages"]} label="Feature flag percentages must be whole numbers" />
      </Section>
    </div>
  );
}
