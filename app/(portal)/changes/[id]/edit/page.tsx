import { notFound, redirect } from "next/navigation";
import { ChangeForm } from "@/components/changes/change-form";
import { requireActor } from "@/lib/auth/session";
import { EDITABLE_STATES } from "@/lib/domain/cr-state-machine";
import { COMMON_TIME_ZONES } from "@/lib/domain/local-time";
import { isAppError } from "@/lib/errors";
import { changeToFormValues } from "@/lib/server/change-form-values";
import { lifecycleAuthorities } from "@/lib/server/change-lifecycle";
import { getActivePolicy } from "@/lib/server/policy-store";
import { ecsRevisionsFor } from "@/lib/server/ecs-revisions";
import { changeFormOptions, getChangeDetail } from "@/lib/server/change-queries";
import { saveChangeAction } from "../../actions";
import { lambdaVersionsAction } from "../../version-actions";

export const metadata = { title: "Edit change request" };

export default async function EditChangePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/changes/${id}/edit`);
  const detail = await getChangeDetail(actor, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { cr } = detail;
  if (lifecycleAuthorities(actor, cr).length === 0 || !EDITABLE_STATES.includes(cr.state)) {
    redirect(`/changes/${id}`);
  }
  const [options, active] = await Promise.all([changeFormOptions(cr.hotfixForDeploymentId), getActivePolicy()]);
  const ecsRevisions = await ecsRevisionsFor(options.services);
  const zones = COMMON_TIME_ZONES.includes(cr.windowTimeZone as never) ? COMMON_TIME_ZONES : [...COMMON_TIME_ZONES, cr.windowTimeZone];
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="mb-4 text-2xl font-semibold">Edit {cr.number}</h1>
      <ChangeForm
        initial={changeToFormValues(cr)}
        choices={{ ...options, ecsRevisions, loadVersions: lambdaVersionsAction, timeZones: zones }}
        save={saveChangeAction}
        riskPolicy={{ riskAssessment: active.policy.riskAssessment }}
        existing={{ id: cr.id, version: cr.version, number: cr.number, submitted: cr.state !== "DRAFT" }}
      />
    </div>
  );
}
