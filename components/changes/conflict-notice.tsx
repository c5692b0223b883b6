import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { formatInZone } from "@/lib/domain/local-time";
import { changePath } from "@/lib/domain/cr-number";

export interface ConflictItem {
  id: string;
  number: string;
  summary: string;
  windowStart: Date;
  windowDurationMin: number;
}

/** Warns that other CRs plan to change the same service in an overlapping window (a CAB concern, not a block). */
export function ConflictNotice({ conflicts, timeZone }: { conflicts: readonly ConflictItem[]; timeZone: string }) {
  if (conflicts.length === 0) return null;
  return (
    <Alert tone="warning">
      <p className="font-medium">
        Window conflict: {conflicts.length === 1 ? "another change to this service is planned" : `${conflicts.length} other changes to this service are planned`} during this window. The CAB
        decides whether they may run together.
      </p>
      <ul className="mt-1 list-disc pl-5">
        {conflicts.map((c) => (
          <li key={c.id}>
            <Link href={changePath(c.number)} className="font-mono underline">
              {c.number}
            </Link>{" "}
            {c.summary} — {formatInZone(c.windowStart, timeZone)}, {c.windowDurationMin} min
          </li>
        ))}
      </ul>
    </Alert>
  );
}
