// Whether an alias is still as Changegate left it. Lambda gives every alias write a new RevisionId;
// Changegate records the one its own write produced. A different RevisionId means someone else wrote
// the alias — unless it holds exactly what Changegate was about to write, which is the one case a
// crash between our write and its record leaves behind (and a hand write of that very shape changes
// nothing we would not have changed). Anything else is a foreign change: stop, never overwrite it.
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

export function aliasOwnership(alias: AliasView & { revisionId: string }, recordedRevisionId: string | null, intended: readonly AliasShape[]): AliasOwnership {
  if (recordedRevisionId !== null && alias.revisionId === recordedRevisionId) return { kind: "ours" };
  if (intended.some((s) => sameShape(alias, s))) return { kind: "adopted", revisionId: alias.revisionId };
  return { kind: "foreign", description: describeAlias(alias) };
}
