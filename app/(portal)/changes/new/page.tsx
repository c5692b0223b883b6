import { DateTime } from "luxon";
import { ChangeForm } from "@/components/changes/change-form";
import { requirePagePermission } from "@/lib/auth/session";
import { COMMON_TIME_ZONES } from "@/lib/domain/local-time";
import { emptyChangeRequest } from "@/lib/schemas/change-request";
import { getActivePolicy } from "@/lib/server/policy-store";
import { ecsRevisionsFor } from "@/lib/server/ecs-revisions";
import { changeFormOptions } from "@/lib/server/change-queries";
import { saveChangeAction } from "../actions";

export const metadata = { title: "New change request" };

export default async function NewChangePage() {
  await requirePagePermission("change:create", "/changes/new");
  const [options, active] = await Promise.all([changeFormOptions(), getActivePolicy()]);
  const ecsRevisions = await ecsRevisionsFor(options.services);
  const zone = process.env.CHANGEGATE_TIME_ZONE ?? "Europe/Berlin";
  const tomorrow = DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 10, minute: 0 });
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="mb-4 text-2xl font-semibold">New change request</h1>
      <ChangeForm
        initial={emptyChangeRequest({ timeZone: zone, windowStart: tomorrow.toFormat("yyyy-MM-dd'T'HH:mm") })}
        choices={{ ...options, ecsRevisions, timeZones: COMMON_TIME_ZONES }}
        save={saveChangeAction}
        riskPolicy={{ riskAssessment: active.policy.riskAssessment }}
      />
    </div>
  );
}
