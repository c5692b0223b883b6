import { Badge } from "@/components/ui/badge";
import { requirePagePermission } from "@/lib/auth/session";
import { formatInZone } from "@/lib/domain/local-time";
import { NOTIFICATION_EVENTS, isNotificationEvent } from "@/lib/domain/notification-events";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { listOutboxProblems } from "@/lib/server/outbox-problems";

export const metadata = { title: "Notification deliveries" };

export default async function OutboxPage() {
  const actor = await requirePagePermission("admin:outbox", "/admin/outbox");
  const [rows, zone] = await Promise.all([listOutboxProblems(actor), viewerTimeZone()]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Notification deliveries</h1>
        <p className="text-sm text-slate-600">
          Email and Slack messages that could not be delivered: those given up on, and those still being retried with backoff. Deliveries never hold up a
          change or a deploy; the portal’s inbox has every entry regardless.
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">Every message so far was delivered.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm" aria-label="Undelivered messages">
            <thead className="bg-slate-50 text-left">
              <tr>
                {["Status", "Channel", "Recipient", "Event", "Attempts", "Next attempt", "Last error"].map((h) => (
                  <th key={h} className="px-3 py-2 font-semibold">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} data-testid="outbox-row">
                  <td className="px-3 py-2">
                    {r.status === "FAILED" ? <Badge tone="red">Gave up {formatInZone(r.failedAt!, zone)}</Badge> : <Badge tone="amber">Retrying</Badge>}
                  </td>
                  <td className="px-3 py-2">{r.channel === "EMAIL" ? "Email" : "Slack"}</td>
                  <td className="px-3 py-2 font-mono text-xs">{r.recipient}</td>
                  <td className="px-3 py-2">{isNotificationEvent(r.event) ? NOTIFICATION_EVENTS[r.event].label : r.event}</td>
                  <td className="px-3 py-2 tabular-nums">{r.attempts}</td>
                  <td className="px-3 py-2">{r.status === "FAILED" ? "—" : formatInZone(r.nextAttemptAt, zone)}</td>
                  <td className="max-w-md px-3 py-2 text-xs text-red-800">{r.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
