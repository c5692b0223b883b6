import { InboxList } from "@/components/inbox/inbox-list";
import { requireActor } from "@/lib/auth/session";
import { formatInZone } from "@/lib/domain/local-time";
import { listInbox, INBOX_PAGE_SIZE } from "@/lib/server/inbox";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { markAllReadAction, markReadAction } from "./actions";
import Link from "next/link";

export const metadata = { title: "Inbox" };

export default async function InboxPage() {
  const actor = await requireActor("/inbox");
  const [entries, zone] = await Promise.all([listInbox(actor), viewerTimeZone()]);
  const rows = entries.map((e) => ({ id: e.id, title: e.title, body: e.body, href: e.href, when: formatInZone(e.createdAt, zone), read: e.readAt !== null }));
  return (
    <div className="max-w-3xl space-y-4">
      <header className="flex items-end justify-between">
        <div>
          <h1 className="text-2xl font-semibold">Inbox</h1>
          <p className="text-sm text-slate-600">What Changegate told you, newest first{entries.length === INBOX_PAGE_SIZE ? ` (the latest ${INBOX_PAGE_SIZE})` : ""}.</p>
        </div>
        <Link href="/settings/notifications" className="text-sm text-indigo-700 hover:underline">Choose what you are told</Link>
      </header>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">Nothing yet. Votes awaiting you, your changes’ approvals and deployments will show here.</p>
      ) : (
        <InboxList rows={rows} markRead={markReadAction} markAllRead={markAllReadAction} />
      )}
    </div>
  );
}
