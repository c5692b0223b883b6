import { notFound } from "next/navigation";
import { ChangeDetails } from "@/components/changes/change-details";
import { ConflictNotice } from "@/components/changes/conflict-notice";
import { findChangeConflicts } from "@/lib/server/calendar-queries";
import { RiskBadge, StateBadge } from "@/components/changes/labels";
import { LifecycleButtons } from "@/components/changes/lifecycle-buttons";
import { Timeline } from "@/components/changes/timeline";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { canTransition, EDITABLE_STATES } from "@/lib/domain/cr-state-machine";
import { lifecycleAuthorities } from "@/lib/server/change-lifecycle";
import { isAppError } from "@/lib/errors";
import { getChangeDetail } from "@/lib/server/change-queries";
import { getFlagChangeView } from "@/lib/server/flag-change-view";
import { changeLifecycleAction } from "../actions";
import { ApprovalSection } from "./approval-section";
import { DeploySection } from "./deploy-section";
import { EmergencySection } from "./emergency-section";
import { FlagApplySection } from "./flag-apply-section";
import { GateSection } from "./gate-section";
import { ServiceFlagsSection } from "./service-flags-section";

export default async function ChangePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/changes/${id}`);
  const detail = await getChangeDetail(actor, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { cr, timeline } = detail;
  const by = lifecycleAuthorities(actor, cr);
  const owner = by.length > 0;
  const [flag, zone] = await Promise.all([getFlagChangeView(cr), viewerTimeZone()]);
  const lifecycle = (["submit", "reopen", "close", "cancel"] as const).filter((a) => canTransition(cr.state, a, by));
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="font-mono text-sm text-slate-500">{cr.number}</p>
          <h1 className="text-2xl font-semibold">{cr.summary}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <StateBadge state={cr.state} />
            <RiskBadge risk={cr.risk} />
            <span>requested by {cr.requester.name}</span>
          </div>
        </div>
        <LifecycleButtons id={cr.id} version={cr.version} allowed={[...lifecycle]} canEdit={owner && EDITABLE_STATES.includes(cr.state) && !cr.flagId} act={changeLifecycleAction} />
      </header>
      <ConflictNotice conflicts={await findChangeConflicts(cr.id)} timeZone={zone} />
      <div className="grid gap-5 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <ChangeDetails cr={cr} flag={flag} zone={zone} />
        </div>
        <div className="space-y-4">
          {cr.emergency && <EmergencySection crId={cr.id} actor={actor} />}
          {cr.flagId ? <FlagApplySection cr={cr} actor={actor} flagId={cr.flagId} /> : <DeploySection cr={cr} actor={actor} />}
          {/* No test gates apply to a flag change: the code behind the flag passed them when it shipped. */}
          {!cr.flagId && <GateSection cr={cr} actor={actor} />}
          <ApprovalSection cr={cr} actor={actor} />
          {!cr.flagId && <ServiceFlagsSection serviceId={cr.serviceId} serviceName={cr.service.name} />}
          <Card title="Timeline">
            <Timeline events={timeline.map((t) => ({ ...t, id: t.id.toString() }))} zone={zone} />
          </Card>
        </div>
      </div>
    </div>
  );
}
