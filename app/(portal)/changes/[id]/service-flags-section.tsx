import Link from "next/link";
import { FlagStateBadge } from "@/components/flags/flag-labels";
import { Card } from "@/components/ui/card";
import { flagsOfService } from "@/lib/server/flag-queries";

/** The flags of the CR's service: the code this change ships reads them. */
export async function ServiceFlagsSection({ serviceId, serviceName }: { serviceId: string; serviceName: string }) {
  const flags = await flagsOfService(serviceId);
  if (flags.length === 0) return null;
  return (
    <Card title={`Flags of ${serviceName}`}>
      <ul className="space-y-1 text-sm" aria-label="Flags of the service">
        {flags.map((f) => (
          <li key={f.id} className="flex flex-wrap items-center gap-2">
            <Link className="text-indigo-700 hover:underline" href={`/flags/${f.id}`}>{f.name}</Link>
            <FlagStateBadge enabled={f.enabled} percentage={f.percentage} allowlist={f.allowlist} />
            {f.environment !== "production" && <span className="text-xs text-slate-500">{f.environment}</span>}
            {f.rollingOut && <span className="text-xs text-amber-700">rolling out</span>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
