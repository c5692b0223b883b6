import Link from "next/link";
import { RiskBadge } from "@/components/changes/labels";
import { CardLabels, cardTable } from "@/components/ui/card-table";
import type { RiskLevel } from "@/lib/domain/vocabulary";
import { FlagStateBadge } from "./flag-labels";

export interface FlagRowView {
  id: string;
  name: string;
  environment: string;
  parameterName: string;
  description: string;
  risk: RiskLevel;
  enabled: boolean;
  percentage: number;
  allowlist: string[];
  service: { id: string; name: string };
  owner: { name: string };
  rolloutId: string | null;
}

const COLUMNS = ["Flag", "Service", "State", "Risk", "Owner"] as const;

export function FlagTable({ rows }: { rows: FlagRowView[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No flags match.</p>;
  return (
    <>
      <CardLabels name="flags" labels={COLUMNS} />
      <table {...cardTable("flags")} className="card-table w-full text-left text-sm" aria-label="Feature flags">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-3">Flag</th>
            <th className="py-2 pr-3">Service</th>
            <th className="py-2 pr-3">State</th>
            <th className="py-2 pr-3">Risk</th>
            <th className="py-2">Owner</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((f) => (
            <tr key={f.id} className="align-top">
              <td className="py-2 pr-3">
                <Link href={`/flags/${f.id}`} className="font-medium text-indigo-700 hover:underline">{f.name}</Link>
                <p className="font-mono text-xs text-slate-500">{f.parameterName}</p>
                <p className="text-xs text-slate-600">{f.description}</p>
              </td>
              <td className="py-2 pr-3">
                {f.service.name}
                {f.environment !== "production" && <span className="text-xs text-slate-500"> ({f.environment})</span>}
              </td>
              <td className="py-2 pr-3">
                <FlagStateBadge enabled={f.enabled} percentage={f.percentage} allowlist={f.allowlist} />
                {f.rolloutId && (
                  <Link href={`/deployments/${f.rolloutId}`} className="ml-2 text-xs text-indigo-700 hover:underline">rolling out →</Link>
                )}
              </td>
              <td className="py-2 pr-3"><RiskBadge risk={f.risk} /></td>
              <td className="py-2">{f.owner.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
