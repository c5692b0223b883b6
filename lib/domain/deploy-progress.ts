// Pure rules the deploy orchestrator acts on: where an alias stands relative to a deployment, when to
// look at the metrics next, and what to tell a human who must fix an alias by hand.

export interface AliasView {
  functionVersion: string;
  additionalVersionWeights: Record<string, number>;
}

/**
 * Where the alias stands for a deployment from → to: the share `to` gets (0 = all on from, 1 = all
 * on to), or "foreign" when it is in a shape this deployment never writes — someone changed it
 * outside Changegate, and the orchestrator must stop rather than overwrite their change.
 */
export type AliasPosition = { kind: "weight"; weight: number } | { kind: "foreign"; description: string };

export function aliasPosition(alias: AliasView, from: string, to: string): AliasPosition {
  const extra = Object.entries(alias.additionalVersionWeights);
  if (extra.length === 0) {
    if (alias.functionVersion === from) return { kind: "weight", weight: 0 };
    if (alias.functionVersion === to) return { kind: "weight", weight: 1 };
  } else if (extra.length === 1 && alias.functionVersion === from) {
    const [version, weight] = extra[0]!;
    if (version === to) return { kind: "weight", weight };
  }
  return { kind: "foreign", description: describeAlias(alias) };
}

export function describeAlias(alias: AliasView): string {
  const extra = Object.entries(alias.additionalVersionWeights);
  if (extra.length === 0) return `version ${alias.functionVersion}`;
  const total = extra.reduce((s, [, w]) => s + w, 0);
  const parts = extra.map(([v, w]) => `${pct(w)} on version ${v}`);
  return `${pct(1 - total)} on version ${alias.functionVersion}, ${parts.join(", ")}`;
}

export function sameWeight(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}

/**
 * When to look again: just after the current metric period ends (CloudWatch reports a period only
 * once it is over), or at the next step if that comes first. `lagMs` gives the period time to land.
 */
/** How long after a period ends its datapoint is looked for. */
export const PERIOD_LAG_MS = 1000;

export function nextLookAt(now: Date, periodSeconds: number, nextStepAt: Date | null, lagMs = PERIOD_LAG_MS): Date {
  const p = periodSeconds * 1000;
  const periodEnd = Math.floor(now.getTime() / p) * p + p + lagMs;
  const step = nextStepAt ? nextStepAt.getTime() : Infinity;
  return new Date(Math.max(now.getTime(), Math.min(periodEnd, step)));
}

/** The command that puts an alias back on one version with no routing — for the page to show when we could not. */
export function manualRollbackCommand(region: string, functionName: string, alias: string, version: string): string {
  return `aws lambda update-alias --region ${region} --function-name ${functionName} --name ${alias} --function-version ${version} --routing-config '{"AdditionalVersionWeights":{}}'`;
}

/** Readings for the gates: from the start of the shift, but never more than `maxPeriods` back. */
export function gateWindowStart(shiftStartedAt: Date, now: Date, periodSeconds: number, maxPeriods = 30): Date {
  return new Date(Math.max(shiftStartedAt.getTime(), now.getTime() - maxPeriods * periodSeconds * 1000));
}

function pct(w: number): string {
  return `${Number((w * 100).toFixed(2))} %`;
}
