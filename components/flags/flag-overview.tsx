import Link from "next/link";
import { formatInZone } from "@/lib/domain/local-time";
import type { FlagConfig } from "@/lib/domain/flag-config";

export interface FlagOverviewView {
  config: FlagConfig;
  zone: string;
  flag: {
    parameterName: string;
    environment: string;
    stickiness: string;
    parameterVersion: number | null;
    createdBy: string;
    createdAt: Date;
    updatedAt: Date;
    owner: { name: string };
    service: { id: string; name: string; functionName: string; alias: string; onCallUser: { name: string } | null };
  };
  ssm: { version: number | null; holds: string | null; drift: { holds: string } | null };
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2">{children}</dd>
    </div>
  );
}

/** Who sees the flag, in a sentence: what the evaluation library does with this configuration. */
export function flagInWords(c: FlagConfig, stickiness: string): string {
  if (!c.enabled) return "Off: nobody gets the feature.";
  const ids = c.allowlist.length > 0 ? `, plus ${c.allowlist.length} allowlisted id${c.allowlist.length === 1 ? "" : "s"}` : "";
  if (c.percentage >= 100) return "On for everyone.";
  if (c.percentage === 0) return c.allowlist.length > 0 ? `On for the allowlisted ids only (${c.allowlist.length}).` : "On, but at 0 %: nobody gets the feature.";
  return `On for ${c.percentage} % of users, chosen by a stable hash of ${stickiness}${ids}.`;
}

export function FlagOverview({ d }: { d: FlagOverviewView }) {
  const { flag, config } = d;
  return (
    <dl className="divide-y divide-slate-100">
      <Row label="Who gets it">
        <span data-testid="flag-in-words">{flagInWords(config, flag.stickiness)}</span>
        {d.ssm.drift && <span className="block text-amber-800">That is Changegate&apos;s record: SSM now holds {d.ssm.drift.holds} (see the warning above).</span>}
      </Row>
      <Row label="Enabled">{config.enabled ? "yes" : "no"}</Row>
      <Row label="Percentage">{config.percentage} %</Row>
      <Row label="Allowlist">{config.allowlist.length > 0 ? <span className="font-mono text-xs">{config.allowlist.join(", ")}</span> : "none"}</Row>
      <Row label="Stickiness key">
        <span className="font-mono">{flag.stickiness}</span>
      </Row>
      <Row label="Service">
        <Link className="text-indigo-700 hover:underline" href={`/services/${flag.service.id}`}>{flag.service.name}</Link>{" "}
        <span className="text-slate-500">
          (gates watch {flag.service.functionName}:{flag.service.alias}; on call: {flag.service.onCallUser?.name ?? "nobody"})
        </span>
      </Row>
      <Row label="Environment">{flag.environment}</Row>
      <Row label="SSM parameter">
        <span className="font-mono">{flag.parameterName}</span>
      </Row>
      <Row label="SSM version">
        {d.ssm.version ?? "—"}{" "}
        <span className="text-slate-500">
          {d.ssm.version === flag.parameterVersion ? "(the one Changegate last wrote or imported)" : `(Changegate last wrote ${flag.parameterVersion ?? "none"})`}
        </span>
      </Row>
      <Row label="Owner">{flag.owner.name}</Row>
      <Row label="Created">
        {flag.createdBy}, {formatInZone(flag.createdAt, d.zone)}
      </Row>
      <Row label="Last changed">{formatInZone(flag.updatedAt, d.zone)}</Row>
    </dl>
  );
}
