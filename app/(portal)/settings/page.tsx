import Link from "next/link";
import { Card } from "@/components/ui/card";
import { TimeZoneForm } from "@/components/settings/time-zone-form";
import { requireActor } from "@/lib/auth/session";
import { requestOrgTimeZone } from "@/lib/auth/viewer-time-zone";
import { allTimeZones, formatInZone, utcOffsetLabel } from "@/lib/domain/local-time";
import { ROLE_LABELS } from "@/lib/domain/vocabulary";
import { saveTimeZoneAction } from "./actions";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor("/settings");
  const orgZone = await requestOrgTimeZone();
  const own = actor.timeZone ?? null;
  const now = new Date();
  const choices = allTimeZones().map((zone) => ({ zone, offset: utcOffsetLabel(now, zone) }));
  const shown = own ?? orgZone;
  return (
    <div className="max-w-3xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-sm text-slate-600" data-testid="your-roles">
          Signed in as {actor.name}: {actor.roles.map((r) => ROLE_LABELS[r]).join(", ")} (an administrator changes roles).
        </p>
        <p className="text-sm text-slate-600">
          Your own choices. Notifications: <Link href="/settings/notifications" className="text-indigo-700 underline">which events reach you, and how</Link>.
        </p>
      </div>
      <Card title="Time zone">
        <p className="mb-3 text-sm text-slate-700" data-testid="time-zone-now">
          Every page and chart shows times to you in <strong>{shown}</strong>
          {own ? " (your choice)" : " (the organisation's, as you have not chosen one)"}: it is now {formatInZone(now, shown)}. Dashboard days and
          weeks, freezes and the policy&apos;s deployment windows stay in the organisation&apos;s zone ({orgZone}), which every page says where it matters.
        </p>
        <TimeZoneForm own={own} orgZone={orgZone} choices={choices} save={saveTimeZoneAction} />
      </Card>
    </div>
  );
}
