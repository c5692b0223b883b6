import { DateTime } from "luxon";
import { ChangeForm } from "@/components/changes/change-form";
import { requirePagePermission } from "@/lib/auth/session";
import { COMMON_TIME_ZONES } from "@/lib/domain/local-time";
import { nextAllowedStart } from "@/lib/domain/planned-window";
import { emptyChangeRequest } from "@/lib/schemas/change-request";
import { getActivePolicy } from "@/lib/server/policy-store";
import { ecsRevisionsFor } from "@/lib/server/ecs-revisions";
import { changeFormOptions } from "@/lib/server/change-queries";
import { saveChangeAction } from "../actions";
import { lambdaVersionsAction } from "../version-actions";

export const metadata = { title: "New change request" };

export default async function NewChangePage() {
  const actor = await requirePagePermission("change:create", "/changes/new");
  const [options, active] = await Promise.all([changeFormOptions(), getActivePolicy()]);
  const ecsRevisions = await ecsRevisionsFor(options.services);
  // A person who chose a zone (Settings) plans in it; the window check converts to the policy's zone.
  const zone = actor.timeZone ?? process.env.CHANGEGATE_TIME_ZONE ?? "Europe/Berlin";
  const timeZones = COMMON_TIME_ZONES.includes(zone as never) ? COMMON_TIME_ZONES : [zone, ...COMMON_TIME_ZONES];
  // Tomorrow 10:00, or the first slot after it the policy allows a Medium change (the form's default risk).
  const tomorrow = DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const allowed = nextAllowedStart(active.policy, "MEDIUM", tomorrow.toJSDate(), 30);
  const start = allowed ? DateTime.fromJSDate(allowed, { zone }) : tomorrow;
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="mb-4 text-2xl font-semibold">New change request</h1>
      <ChangeForm
        initial={emptyChangeRequest({ timeZone: zone, windowStart: start.toFormat("yyyy-MM-dd'T'HH:mm") })}
        choices={{ ...options, ecsRevisions, loadVersions: lambdaVersionsAction, timeZones }}
        save={saveChangeAction}
        riskPolicy={{ riskAssessment: active.policy.riskAssessment }}
      />
    </div>
  );
}
