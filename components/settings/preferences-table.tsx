import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import { NOTIFICATION_EVENT_NAMES, NOTIFICATION_EVENTS, preferenceKey, type NotificationChannelName } from "@/lib/domain/notification-events";

export interface PreferencesView {
  enabled: Record<string, boolean>;
  email: string;
  slackUserId: string | null;
  available: { email: boolean; slack: boolean };
}

/** Events × channels, a box each; ticked means "tell me this way". Saved as one whole table. */
export function PreferencesTable({ view, save }: { view: PreferencesView; save: (f: FormData) => Promise<ActionResult<unknown>> }) {
  const columns: { channel: NotificationChannelName; label: string; note: string; usable: boolean }[] = [
    { channel: "IN_APP", label: "In the portal", note: "Your inbox", usable: true },
    {
      channel: "EMAIL",
      label: "Email",
      note: view.available.email ? `To ${view.email}` : `To ${view.email}, once this installation is set up to send email`,
      usable: true,
    },
    {
      channel: "SLACK",
      label: "Slack",
      note: !view.slackUserId
        ? "No Slack account is linked to you: ask an administrator to add your Slack member id (Users page). Until then nothing reaches you on Slack."
        : view.available.slack ? "Direct message to you" : "Direct message, once this installation is connected to Slack",
      usable: !!view.slackUserId,
    },
  ];
  return (
    <ActionForm action={save} success="Saved." label="Notification preferences" className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="px-3 py-2 font-semibold">Event</th>
              {columns.map((c) => (
                <th key={c.channel} className="w-48 px-3 py-2 align-top font-semibold">
                  {c.label}
                  <span className="block text-xs font-normal text-slate-500" data-testid={`channel-note-${c.channel}`}>{c.note}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {NOTIFICATION_EVENT_NAMES.map((event) => (
              <tr key={event}>
                <th scope="row" className="px-3 py-2 text-left font-normal">{NOTIFICATION_EVENTS[event].label}</th>
                {columns.map((c) => {
                  const key = preferenceKey(event, c.channel);
                  return (
                    <td key={c.channel} className="px-3 py-2">
                      <input type="checkbox" name="on" value={key} defaultChecked={view.enabled[key]} disabled={!c.usable}
                        aria-label={`${NOTIFICATION_EVENTS[event].label}: ${c.label}`} className="h-4 w-4" />
                      {/* A disabled box is not posted: keep the saved choice for when Slack is linked. */}
                      {!c.usable && view.enabled[key] && <input type="hidden" name="on" value={key} />}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button type="submit">Save preferences</Button>
    </ActionForm>
  );
}
