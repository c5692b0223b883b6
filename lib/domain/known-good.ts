// Which versions an alias may be rolled back to: "back" means to a version that was live on that
// alias before and proved itself there — its deployment succeeded and was not undone — or that the
// alias served when the service was registered. Anything else is a deploy and needs a ready change.
import type { DeploymentKind } from "./vocabulary";

export interface DeploymentHistoryRecord {
  id: string;
  kind: DeploymentKind;
  toVersion: string;
  outcome: "SUCCEEDED" | "FAILED" | "ROLLED_BACK" | null;
  finishedAt: Date | null;
  crNumber?: string | null;
}

export interface KnownGoodVersion {
  version: string;
  /** Why it is known-good, in words for the rollback picker. */
  evidence: string;
  /** The last time it went live successfully (null for the registration baseline). */
  since: Date | null;
}

// A target is a published Lambda version or an ECS task definition revision; never $LATEST.
const PUBLISHED = /^(\d+|[A-Za-z0-9_-]{1,255}:\d+)$/;

export function knownGoodVersions(baselineVersion: string | null, history: readonly DeploymentHistoryRecord[]): KnownGoodVersion[] {
  const found = new Map<string, KnownGoodVersion>();
  if (baselineVersion && PUBLISHED.test(baselineVersion)) {
    found.set(baselineVersion, { version: baselineVersion, evidence: "live when the service was registered", since: null });
  }
  for (const d of history) {
    // A deploy whose outcome is no longer SUCCEEDED was rolled back afterwards: not good after all.
    if (d.kind !== "DEPLOY" || d.outcome !== "SUCCEEDED" || !PUBLISHED.test(d.toVersion)) continue;
    const prev = found.get(d.toVersion);
    if (prev?.since && d.finishedAt && prev.since >= d.finishedAt) continue;
    const by = d.crNumber ? `deployed by ${d.crNumber}` : "deployed";
    found.set(d.toVersion, { version: d.toVersion, evidence: `${by}; the deployment succeeded`, since: d.finishedAt });
  }
  const rank = (v: string) => Number(v.split(":").at(-1));
  return [...found.values()].sort((a, b) => rank(b.version) - rank(a.version));
}

/**
 * The deployment that put the alias's current version there, if Changegate did: the one a manual
 * rollback reverts (its change moves to Rolled back, its requester may roll it back).
 */
export function currentDeployment<T extends DeploymentHistoryRecord>(liveVersion: string, history: readonly T[]): T | null {
  let best: T | null = null;
  for (const d of history) {
    if (d.kind !== "DEPLOY" || d.outcome !== "SUCCEEDED" || d.toVersion !== liveVersion) continue;
    if (!best || (d.finishedAt?.getTime() ?? 0) > (best.finishedAt?.getTime() ?? 0)) best = d;
  }
  return best;
}
