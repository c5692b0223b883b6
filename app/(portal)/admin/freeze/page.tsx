import { FreezeAdmin } from "@/components/admin/freeze-admin";
import { requirePagePermission } from "@/lib/auth/session";
import { formatInZone } from "@/lib/domain/local-time";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { listFreezeWindows } from "@/lib/server/freeze-windows";
import { getActivePolicy } from "@/lib/server/policy-store";
import { createFreezeAction, deleteFreezeAction } from "../ci-actions";

export const metadata = { title: "Freeze windows" };

export default async function FreezePage() {
  const actor = await requirePagePermission("admin:freeze", "/admin/freeze");
  const now = new Date();
  const [windows, { policy }, viewZone] = await Promise.all([listFreezeWindows(actor, now), getActivePolicy(), viewerTimeZone()]);
  // New windows are entered in the organisation's zone (the policy's days); the list reads in the viewer's.
  const zone = policy.timeZone;
  const status = (w: { startsAt: Date; endsAt: Date }) => (w.endsAt <= now ? "past" : w.startsAt <= now ? "active" : "upcoming") as "past" | "active" | "upcoming";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Freeze windows</h1>
      <p className="text-sm text-slate-600">Inside a freeze window normal changes may not deploy; emergency changes still may, with a warning.</p>
      <FreezeAdmin
        windows={windows.map((w) => ({ id: w.id, name: w.name, reason: w.reason, starts: formatInZone(w.startsAt, viewZone), ends: formatInZone(w.endsAt, viewZone), status: status(w) }))}
        timeZone={zone}
        create={createFreezeAction}
        remove={deleteFreezeAction}
      />
    </div>
  );
}
