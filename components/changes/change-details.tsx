import { Card } from "@/components/ui/card";
import { formatClock, formatInZone } from "@/lib/domain/local-time";
import { strategyWords } from "@/lib/domain/strategy-names";
import { CHANGE_TYPE_LABELS } from "@/lib/domain/vocabulary";
import Link from "next/link";
import type { ChangeDetailView, FlagChangeDetailView } from "./change-row-types";
import { changePath } from "@/lib/domain/cr-number";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 min-w-0 whitespace-pre-wrap [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

const check = (v: boolean) => (v ? "☑" : "☐");

/** The seed's Change Request Template, filled in. */
export function ChangeDetails({ cr, flag, zone }: { cr: ChangeDetailView; flag?: FlagChangeDetailView | null; zone: string }) {
  return (
    <div className="space-y-4">
      {cr.description && (
        <Card title="Description and justification">
          <p className="whitespace-pre-wrap text-sm">{cr.description}</p>
        </Card>
      )}
      <Card title="Impact">
        <dl className="divide-y divide-slate-100">
          <Row label="Type">{CHANGE_TYPE_LABELS[cr.type]}</Row>
          <Row label="Services affected">{[cr.service.name, ...cr.affectedServiceNames].join(", ")}</Row>
          {cr.servicesAffected && cr.servicesAffected !== cr.service.name && <Row label="Other systems affected">{cr.servicesAffected}</Row>}
          <Row label="Users affected">{cr.usersAffected}</Row>
          <Row label="Downtime required">{cr.downtimeRequired ? "Yes" : "No"}</Row>
          <Row label="Rollback plan">{cr.rollbackPlan}</Row>
        </dl>
      </Card>
      <Card title="Implementation plan">
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {cr.implementationSteps.map((s, i) => (
            <li key={i}>
              {s}
              {cr.implementationStepMinutes[i] ? <span className="text-slate-500"> — {cr.implementationStepMinutes[i]} min</span> : null}
            </li>
          ))}
        </ol>
        {cr.implementationStepMinutes.some((m) => m > 0) && (
          <p className="mt-2 text-sm text-slate-700">Plan total: {cr.implementationStepMinutes.reduce((a, m) => a + m, 0)} minutes</p>
        )}
      </Card>
      {!flag && (
        <Card title="Testing">
          <ul className="grid gap-1 text-sm md:grid-cols-2">
            <li>{check(cr.testedInDev)} Tested in development</li>
            <li>{check(cr.testedInStaging)} Tested in staging</li>
            <li>{check(cr.loadTested2x)} Load tested with 2x production traffic</li>
            <li>{check(cr.verifiedMetrics)} Verified metrics and alarms</li>
          </ul>
        </Card>
      )}
      {cr.monitoringPlan && (
        <Card title="Monitoring plan">
          <p className="whitespace-pre-wrap text-sm">{cr.monitoringPlan}</p>
        </Card>
      )}
      <Card title="Rollback procedure">
        <pre className="overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">{cr.rollbackProcedure}</pre>
      </Card>
      <Card title="Deployment">
        <dl className="divide-y divide-slate-100">
          <Row label="Service">
            {cr.service.name} <span className="text-slate-500">({cr.service.team.name}; Lambda {cr.service.functionName}:{cr.service.alias}, {cr.service.awsRegion})</span>
          </Row>
          {flag ? (
            <FlagRows flag={flag} />
          ) : (
            <>
              <Row label="Version to deploy">{cr.targetVersion}</Row>
              <Row label="Strategy">{strategyWords(cr.strategy)}</Row>
            </>
          )}
          {cr.hotfixFor && <HotfixRow fix={cr.hotfixFor} zone={zone} />}
          <Row label="Planned start">
            <span data-testid="planned-start">{formatInZone(cr.windowStart, zone)}</span>
            {/* The window was planned in its own zone; say so when the reader's differs. */}
            {cr.windowTimeZone !== zone && (
              <span className="block text-xs text-slate-500">
                Planned as {formatClock(cr.windowStart, cr.windowTimeZone)} {cr.windowTimeZone}
              </span>
            )}
          </Row>
          <Row label="Duration">{cr.windowDurationMin} minutes</Row>
          <Row label="On-call engineer">{cr.onCallUser?.name ?? "—"}</Row>
        </dl>
      </Card>
    </div>
  );
}

const OUTCOME_WORDS = { SUCCEEDED: "succeeded", FAILED: "failed", ROLLED_BACK: "rolled back" } as const;

/** A hotfix: the deployment it repairs, which the change failure rate counts as a failure. */
function HotfixRow({ fix, zone }: { fix: NonNullable<ChangeDetailView["hotfixFor"]>; zone: string }) {
  return (
    <Row label="Fixes deployment">
      <span data-testid="hotfix-for">
        <Link className="text-indigo-700 hover:underline" href={`/deployments/${fix.id}`}>
          Version {fix.toVersion}
        </Link>
        {fix.crNumber ? (
          <>
            {" of "}
            <Link className="text-indigo-700 hover:underline" href={changePath(fix.crNumber)}>
              {fix.crNumber}
            </Link>
          </>
        ) : (
          " (deployed without a change request)"
        )}
        {fix.outcome ? `, ${OUTCOME_WORDS[fix.outcome]}` : ""}
        {fix.finishedAt ? `, finished ${formatInZone(new Date(fix.finishedAt), zone)}` : ""}
      </span>
      <span className="block text-xs text-slate-500">That deployment counts as a change failure in the delivery metrics.</span>
    </Row>
  );
}

/** A flag change: which flag, from → to, and the steps its guarded rollout publishes. */
function FlagRows({ flag }: { flag: FlagChangeDetailView }) {
  return (
    <>
      <Row label="Feature flag">
        <Link className="text-indigo-700 hover:underline" href={`/flags/${flag.flag.id}`}>{flag.flag.name}</Link> <span className="font-mono text-xs text-slate-500">{flag.flag.parameterName}</span>
      </Row>
      <Row label="Change">
        <span data-testid="flag-change">{flag.from} → {flag.to}</span>
        {flag.addedIds.length > 0 && <span className="text-slate-500"> (adds {flag.addedIds.join(", ")} to the allowlist)</span>}
      </Row>
      <Row label="Rollout plan">
        {flag.steps.map((s) => `${s.percentage} %${s.holdMinutes ? ` (hold ${s.holdMinutes} min)` : ""}`).join(" → ")}
        <span className="block text-xs text-slate-500">Each step is published to SSM and held while the service&apos;s gates watch; a breach puts the flag back to {flag.from}.</span>
      </Row>
      <Row label="Decided against">SSM version {flag.baseVersion ?? "—"} of the parameter</Row>
    </>
  );
}
