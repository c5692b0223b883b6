// Whether an alias is still as Changegate left it. Lambda gives every alias write a new RevisionId;
// Changegate records the one its own write produced. A different RevisionId means someone else wrote
// the alias — unless Changegate had marked a write of its own as in flight (`pending:<revision it
// wrote over>`) and the alias holds exactly what that write sets: the one case a crash between our
// write and its record leaves behind. Anything else is a foreign change: stop, never overwrite it.
// Without the marker even a hand change to the very shape a step writes (a hand rollback to the old
// version before the first step, say) is foreign.
import { describeAlias, sameWeight, type AliasView } from "./deploy-progress";

export interface AliasShape {
  functionVersion: string;
  additionalVersionWeights: Record<string, number>;
}

export type AliasOwnership = { kind: "ours" } | { kind: "adopted"; revisionId: string } | { kind: "foreign"; description: string };

export function sameShape(a: AliasShape, b: AliasShape): boolean {
  if (a.functionVersion !== b.functionVersion) return false;
  const ka = Object.entries(a.additionalVersionWeights).filter(([, w]) => w > 0);
  const kb = Object.entries(b.additionalVersionWeights).filter(([, w]) => w > 0);
  return ka.length === kb.length && ka.every(([v, w]) => b.additionalVersionWeights[v] !== undefined && sameWeight(w, b.additionalVersionWeights[v]!));
}

/** The shape a deployment from → to writes for a share of `weight` on `to` (0 = all on from, 1 = all on to). */
export function shapeAt(from: string, to: string, weight: number): AliasShape {
  if (weight <= 0) return { functionVersion: from, additionalVersionWeights: {} };
  if (weight >= 1) return { functionVersion: to, additionalVersionWeights: {} };
  return { functionVersion: from, additionalVersionWeights: { [to]: weight } };
}

const PENDING = "pending:";

/** What to record before an alias write whose RevisionId precondition is `revisionId`. */
export const pendingRevision = (revisionId: string) => `${PENDING}${revisionId}`;

export function aliasOwnership(alias: AliasView & { revisionId: string }, recordedRevisionId: string | null, intended: readonly AliasShape[]): AliasOwnership {
  const owner = writeOwnership(alias.revisionId, recordedRevisionId, intended.some((s) => sameShape(alias, s)));
  return owner.kind === "foreign" ? { kind: "foreign", description: describeAlias(alias) } : owner;
}

/**
 * The same rule for anything Changegate writes with a revision it can read back (an alias's
 * RevisionId, an SSM parameter's version): `holdsIntended` says whether the target holds exactly what
 * the write marked in flight would have set.
 */
export function writeOwnership(revisionNow: string, recorded: string | null, holdsIntended: boolean): { kind: "ours" } | { kind: "adopted"; revisionId: string } | { kind: "foreign" } {
  const pending = recorded?.startsWith(PENDING) ? recorded.slice(PENDING.length) : null;
  const base = pending ?? recorded;
  // Still the revision we wrote or read (a write marked in flight that has not landed leaves it too).
  if (base !== null && revisionNow === base) return { kind: "ours" };
  if (pending !== null && holdsIntended) return { kind: "adopted", revisionId: revisionNow };
  return { kind: "foreign" };
}
