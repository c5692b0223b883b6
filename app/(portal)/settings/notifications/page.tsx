import { PreferencesTable } from "@/components/settings/preferences-table";
import { requireActor } from "@/lib/auth/session";
import { getNotificationPreferences } from "@/lib/server/notification-preferences";
import { savePreferencesAction } from "./actions";

export const metadata = { title: "Notification preferences" };

export default async function NotificationSettingsPage() {
  const actor = await requireActor("/settings/notifications");
  const view = await getNotificationPreferences(actor);
  return (
    <div className="max-w-5xl space-y-4">
      <div>
        <p className="text-sm">
          <a href="/settings" className="text-indigo-700 hover:underline">← Settings</a>
        </p>
        <h1 className="text-2xl font-semibold">Notifications</h1>
        <p className="text-sm text-slate-600">
          Which events reach you, and how. Everything is on until you switch it off. Only the events that concern you reach you at all: a vote awaiting
          the CAB goes to CAB members, a rollback to the change’s requester and the service’s on-call engineer.
        </p>
      </div>
      <PreferencesTable view={view} save={savePreferencesAction} />
    </div>
  );
}
