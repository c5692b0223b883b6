import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { RetrospectiveStatus } from "@/lib/domain/cab-agenda";
import { formatInZone } from "@/lib/domain/local-time";
import { changePath } from "@/lib/domain/cr-number";

interface Item {
  id: string;
  number: string;
  summary: string;
  retro: RetrospectiveStatus | null;
}

/** The count people watch: emergency changes the CAB has not yet approved or rejected afterwards. */
export function RetroPendingCard({ items, overdue, timeZone }: { items: Item[]; overdue: number; timeZone: string }) {
  return (
    <Card title="Awaiting retrospective approval">
      <p className="text-3xl font-semibold" data-testid="retro-pending-count">{items.length}</p>
      <p className="mb-3 text-sm text-slate-600">
        emergency change{items.length === 1 ? "" : "s"}
        {overdue > 0 && <span className="font-medium text-red-700"> · {overdue} overdue</span>}
      </p>
      <ul className="space-y-1 text-sm">
        {items.slice(0, 10).map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-1">
            <Link href={changePath(i.number)} className="font-mono text-xs text-indigo-700 hover:underline">{i.number}</Link>
            <span className="truncate">{i.summary}</span>
            {i.retro?.overdue ? (
              <Badge tone="red">overdue</Badge>
            ) : (
              i.retro && <span className="text-xs text-slate-500">due {formatInZone(i.retro.dueAt, timeZone)}</span>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
