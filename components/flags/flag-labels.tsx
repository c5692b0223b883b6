import { Badge } from "@/components/ui/badge";

/** A flag's published state at a glance: off, or on at its percentage (+ allowlisted ids). */
export function FlagStateBadge({ enabled, percentage, allowlist }: { enabled: boolean; percentage: number; allowlist: string[] }) {
  if (!enabled) return <Badge tone="slate">off</Badge>;
  const ids = allowlist.length > 0 ? ` + ${allowlist.length} id${allowlist.length === 1 ? "" : "s"}` : "";
  return <Badge tone={percentage >= 100 ? "green" : "blue"}>{`on · ${percentage} %${ids}`}</Badge>;
}

export const FLAG_CHANGE_LABELS: Record<string, string> = {
  CREATED: "Registered (published off)",
  IMPORTED: "Imported from SSM",
  ROLLOUT_STEP: "Rollout step published",
  ROLLED_BACK: "Rolled back",
  KILLED: "Kill switch",
  DRIFT: "Changed outside Changegate",
  PUBLISHED: "Published",
};
