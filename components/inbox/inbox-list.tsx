"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";

export interface InboxRow {
  id: string;
  title: string;
  body: string;
  href: string | null;
  when: string;
  read: boolean;
}

type Act<T> = (arg: T) => Promise<ActionResult<unknown>>;

/** The inbox: unread entries highlighted; opening one marks it read, as does its own button. */
export function InboxList({ rows, markRead, markAllRead }: { rows: InboxRow[]; markRead: Act<string>; markAllRead: () => Promise<ActionResult<unknown>> }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const run = (p: Promise<ActionResult<unknown>>) =>
    start(async () => {
      const r = await p;
      setError(r.ok ? undefined : r.error.message);
      router.refresh();
    });
  const unread = rows.filter((r) => !r.read).length;
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between">
        <p className="text-sm text-slate-600">{unread === 0 ? "All read." : `${unread} unread`}</p>
        {unread > 0 && <Button variant="secondary" disabled={pending} onClick={() => run(markAllRead())}>Mark all read</Button>}
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Notifications">
        {rows.map((r) => (
          <li key={r.id} data-testid="inbox-entry" data-unread={!r.read} className={`flex items-start gap-3 px-4 py-3 text-sm ${r.read ? "" : "bg-indigo-50"}`}>
            <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${r.read ? "bg-transparent" : "bg-indigo-600"}`} />
            <div className="min-w-0 flex-1">
              <div className={r.read ? "text-slate-700" : "font-semibold text-slate-900"}>
                {r.href ? <a href={`/inbox/open/${r.id}`} className="hover:underline">{r.title}</a> : r.title}
                {!r.read && <span className="sr-only"> (unread)</span>}
              </div>
              <p className="whitespace-pre-line text-slate-600">{r.body}</p>
              <p className="text-xs text-slate-600">{r.when}</p>
            </div>
            {!r.read && <Button variant="ghost" className="shrink-0 text-xs" disabled={pending} onClick={() => run(markRead(r.id))} aria-label={`Mark “${r.title}” read`}>Mark read</Button>}
          </li>
        ))}
      </ul>
    </div>
  );
}
