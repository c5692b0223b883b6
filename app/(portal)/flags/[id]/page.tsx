import Link from "next/link";
import { notFound } from "next/navigation";
import { RiskBadge, StateBadge } from "@/components/changes/labels";
import { FlagHistory, SsmVersions } from "@/components/flags/flag-history";
import { FlagStateBadge } from "@/components/flags/flag-labels";
import { FlagOverview } from "@/components/flags/flag-overview";
import { AcceptDriftForm } from "@/components/flags/accept-drift-form";
import { KillSwitchForm } from "@/components/flags/kill-switch-form";
import { ProposeFlagForm } from "@/components/flags/propose-flag-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import type { CrState } from "@/lib/domain/vocabulary";
import { isAppError } from "@/lib/errors";
import { getFlagDetail } from "@/lib/server/flag-detail";
import { acceptFlagDriftAction, killFlagAction, proposeFlagChangeAction } from "../actions";
import { deploymentStateLabel } from "@/lib/domain/vocabulary";
import { changePath } from "@/lib/domain/cr-number";

export const metadata = { title: "Feature flag" };

export default async function FlagPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/flags/${id}`);
  const [detail, zone] = await Promise.all([
    getFlagDetail(actor, id).catch((e: unknown) => {
      if (isAppError(e) && e.code === "NOT_FOUND") notFound();
      throw e;
    }),
    viewerTimeZone(),
  ]);
  const d = { ...detail, zone }; // times read in the viewer's zone
  const { flag, ssm } = d;
  return (
    <div className="space-y-4">
      <div>
        <Link href="/flags" className="text-sm text-indigo-700 hover:underline">← Feature flags</Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-2 text-2xl font-semibold">
          {flag.name} <FlagStateBadge {...d.config} /> <RiskBadge risk={flag.risk} />
        </h1>
        <p className="text-sm text-slate-600">{flag.description}</p>
      </div>
      {ssm.error && <Alert tone="error">{ssm.error}</Alert>}
      {ssm.drift && (
        <Alert tone="warning">
          <strong>Changed outside Changegate:</strong> {flag.parameterName} now holds {ssm.drift.holds} (SSM version {ssm.drift.version ?? "none"}; Changegate last wrote version {flag.parameterVersion ?? "none"}, {d.config.enabled ? `on, ${d.config.percentage} %` : "off"}). New changes of this flag are refused until someone who may turn it off accepts what SSM holds; the kill switch still turns it off.
          {d.can.kill && !d.running && <AcceptDriftForm flagId={flag.id} action={acceptFlagDriftAction} />}
        </Alert>
      )}
      {d.running && (
        <Alert tone="info">
          A rollout is running: {d.running.fromVersion} → {d.running.toVersion}.{" "}
          <Link className="font-medium underline" href={`/deployments/${d.running.id}`}>Watch it live →</Link>
        </Alert>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="Configuration">
            <FlagOverview d={d} />
          </Card>
          {d.can.propose && !ssm.drift && (
            <Card title="Propose a change">
              <ProposeFlagForm flagId={flag.id} current={d.config} integerPercentages={d.integerPercentages} action={proposeFlagChangeAction} />
            </Card>
          )}
          <Card title="History">
            <FlagHistory entries={d.history} zone={d.zone} />
          </Card>
          <Card title="SSM parameter versions">
            <SsmVersions versions={ssm.versions} zone={d.zone} />
          </Card>
        </div>
        <div className="space-y-4">
          <Card title="Kill switch">
            {!d.config.enabled && !ssm.drift ? (
              <p className="text-sm text-slate-600">The flag is off.</p>
            ) : d.can.kill ? (
              <KillSwitchForm flagId={flag.id} action={killFlagAction} />
            ) : (
              <p className="text-sm text-slate-600">{d.killWho}</p>
            )}
          </Card>
          <Card title="Change requests">
            {d.crs.length === 0 ? (
              <p className="text-sm text-slate-500">None yet.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {d.crs.map((c) => (
                  <li key={c.id}>
                    <Link className="font-mono text-indigo-700 hover:underline" href={changePath(c.number)}>{c.number}</Link> <StateBadge state={c.state as CrState} />
                    <p className="text-xs text-slate-600">{c.summary}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Rollouts">
            {d.rollouts.length === 0 ? (
              <p className="text-sm text-slate-500">None yet.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {d.rollouts.map((r) => (
                  <li key={r.id}>
                    <Link className="text-indigo-700 hover:underline" href={`/deployments/${r.id}`}>{r.fromVersion} → {r.toVersion}</Link>{" "}
                    <span className="text-slate-500">{deploymentStateLabel(r.state).toLowerCase()}</span>
                    {r.reason && r.state !== "SUCCEEDED" && <p className="text-xs text-slate-600">{r.reason}</p>}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
