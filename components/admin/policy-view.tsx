import { formatDays } from "@/lib/domain/deploy-window";
import { APPROVER_LABELS, WEEKDAY_SHORT, type Policy } from "@/lib/domain/policy";
import { gateName } from "@/lib/domain/readiness";
import { RISK_LABELS, RISK_LEVELS } from "@/lib/domain/vocabulary";
import { CardLabels, cardTable } from "@/components/ui/card-table";

const WINDOW_WORDS = { ANYTIME: "Anytime", BUSINESS_HOURS: "Business hours", AFTER_HOURS: "After hours" } as const;
const ON_CALL_WORDS = { NONE: "—", AVAILABLE: "on-call engineer available", PRESENT: "on-call engineer present" } as const;

/** The approval matrix as the seed's table, and the policy's settings, read-only. */
export function PolicyView({ policy }: { policy: Policy }) {
  const cab = policy.cab;
  return (
    <div className="space-y-4">
      <CardLabels name="policy" labels={["Risk", "Approvals", "Tests required", "Window", "Own gate results"]} />
      <table {...cardTable("policy")} className="card-table w-full text-left text-sm" aria-label="Approval matrix">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1.5 pr-3">Risk</th>
            <th className="py-1.5 pr-3">Approvals</th>
            <th className="py-1.5 pr-3">Tests required</th>
            <th className="py-1.5 pr-3">Window</th>
            <th className="py-1.5">Requester&apos;s own gate results</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {[...RISK_LEVELS].reverse().map((r) => {
            const rule = policy.rules[r];
            return (
              <tr key={r}>
                <td className="py-1.5 pr-3 font-medium">{RISK_LABELS[r]}</td>
                <td className="py-1.5 pr-3">{rule.approvals.map((a) => APPROVER_LABELS[a]).join(" + ")}</td>
                <td className="py-1.5 pr-3">{rule.gates.map(gateName).join(" + ") || "—"}</td>
                <td className="py-1.5 pr-3">
                  {WINDOW_WORDS[rule.window]}
                  {rule.onCall !== "NONE" && `, ${ON_CALL_WORDS[rule.onCall]}`}
                </td>
                <td className="py-1.5">{rule.selfReportedGates ? "count" : "do not count (CI/CD or someone else reports)"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="grid gap-x-6 gap-y-1 text-sm md:grid-cols-2">
        <Setting label="Time zone">{policy.timeZone}</Setting>
        <Setting label="Business hours">{`${formatDays(policy.businessHours.days)} ${policy.businessHours.start}–${policy.businessHours.end}`}</Setting>
        <Setting label="After hours">{`${policy.afterHours.start}–${policy.afterHours.end}${policy.afterHours.allDays.length ? `, all day ${formatDays(policy.afterHours.allDays)}` : ""}`}</Setting>
        <Setting label="CAB quorum">{`${cab.quorum} approvals from ${cab.distinctSeats} different seats`}</Setting>
        <Setting label="CAB rejections">{cab.rejectionsToReject === 1 ? "one rejection rejects a change until it is revised" : `${cab.rejectionsToReject} rejections in a round reject a change until it is revised`}</Setting>
        <Setting label="Out-of-meeting approval">{cab.outOfMeeting.allowed ? `allowed with ${cab.outOfMeeting.approvals} approvals` : "not allowed"}</Setting>
        <Setting label="CAB meeting">{`${WEEKDAY_SHORT[cab.meeting.weekday]} ${cab.meeting.start}, ${cab.meeting.durationMinutes} min; agenda frozen ${cab.agendaCutoffHours} h before`}</Setting>
        <Setting label="Meeting start tolerance">{`can start ${cab.meeting.startToleranceMinutes} min before its slot; votes count as in-meeting until ${cab.meeting.startToleranceMinutes} min past its end`}</Setting>
        <Setting label="Coverage">{`≥ ${policy.gates.coverageMinPct} %`}</Setting>
        <Setting label="Load test">{`p95 ≤ ${policy.gates.loadTestP95MaxMs} ms`}</Setting>
        <Setting label="Dependency audit">{`at most ${policy.gates.dependencyAudit.maxFindings} ${policy.gates.dependencyAudit.minSeverity}-or-worse findings`}</Setting>
        <Setting label="On-call confirmation">{`valid ${policy.onCall.confirmationValidHours} h`}</Setting>
        <Setting label="Suggested risk">{`Medium from ${policy.riskAssessment.mediumAt} points, High from ${policy.riskAssessment.highAt}`}</Setting>
      </dl>
    </div>
  );
}

function Setting({ label, children }: { label: string; children: string }) {
  return (
    <div className="flex gap-2 py-0.5">
      <dt className="w-44 shrink-0 text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
