// Generated traffic: for one alias and one simulated minute, how many requests each version got,
// how many were throttled, failed, and how long they took. The alias timeline and the fault
// timeline are sampled once per simulated second, so a shift or a fault in mid-minute shows up in
// that minute in proportion; the random parts are seeded per cell (random.ts), so it is repeatable.
import { countOf, normalCdf, standardNormal, uniform } from "./random";
import { versionShares } from "./lambda-rules";
import type { AliasSnapshot, SandboxAlias, SandboxFunction, VersionBehavior, VersionFault } from "./types";

export const MINUTE_MS = 60_000;
/** Log-normal spread of durations: p99 ≈ 2.26 × median. */
const SIGMA = 0.35;

export interface LatencyComponent {
  /** Relative share of the invocations in this component. */
  weight: number;
  medianMs: number;
  addedMs: number;
}

export interface Cell {
  requests: number;
  invocations: number;
  errors: number;
  throttles: number;
  latency: LatencyComponent[];
}

export type FaultLookup = (fn: string, version: string, at: number) => VersionFault | undefined;

interface Expected {
  requests: number;
  throttled: number;
  invoked: number;
  errors: number;
  latency: Map<number, number>; // addedMs → invoked weight
}

/** Index of the snapshot in force at `at`, or -1 before the alias existed. */
function snapshotIndex(history: AliasSnapshot[], at: number): number {
  let lo = 0;
  let hi = history.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (history[mid]!.at <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Pruned history: minutes older than the oldest kept snapshot read as that snapshot.
  return found;
}

/** Per-version cells of one alias for the minute starting at `minuteStart` (simulated ms). */
export function aliasMinute(seed: number, fn: SandboxFunction, alias: SandboxAlias, minuteStart: number, faultAt: FaultLookup): Map<string, Cell> {
  const expected = new Map<string, Expected>();
  const first = alias.history[0];
  if (!first) return new Map();
  for (let s = 0; s < 60; s++) {
    const t = minuteStart + s * 1000 + 500;
    const i = snapshotIndex(alias.history, t);
    // Before the alias was created there was no traffic at all.
    if (i < 0) continue;
    const snap = alias.history[i]!;
    if (snap.requestRate <= 0) continue;
    for (const [version, share] of versionShares(snap.functionVersion, snap.weights)) {
      if (share <= 0) continue;
      const e = expected.get(version) ?? { requests: 0, throttled: 0, invoked: 0, errors: 0, latency: new Map() };
      const fault = faultAt(fn.name, version, t);
      const base = behaviorOf(fn, version);
      const req = snap.requestRate * share;
      const throttleRate = clamp01(fault?.throttleRate ?? 0);
      const invoked = req * (1 - throttleRate);
      e.requests += req;
      e.throttled += req * throttleRate;
      e.invoked += invoked;
      e.errors += invoked * clamp01(base.errorRate + (fault?.errorRate ?? 0));
      const added = fault?.addedLatencyMs ?? 0;
      e.latency.set(added, (e.latency.get(added) ?? 0) + invoked);
      expected.set(version, e);
    }
  }

  const minute = Math.floor(minuteStart / MINUTE_MS);
  // One factor per alias-minute, so the split between versions is exactly the weights' split.
  const volume = Math.min(1.15, Math.max(0.85, 1 + 0.04 * standardNormal(seed, fn.name, alias.name, minute, "volume")));
  const cells = new Map<string, Cell>();
  for (const [version, e] of expected) {
    const key = [seed, fn.name, alias.name, version, minute] as const;
    const requests = Math.round(e.requests * volume);
    const throttles = countOf(requests, e.requests > 0 ? e.throttled / e.requests : 0, uniform(...key, "thr"), standardNormal(...key, "thr"));
    const invocations = requests - throttles;
    const errors = countOf(invocations, e.invoked > 0 ? e.errors / e.invoked : 0, uniform(...key, "err"), standardNormal(...key, "err"));
    const jitter = 1 + 0.03 * Math.max(-3, Math.min(3, standardNormal(...key, "lat")));
    const medianMs = behaviorOf(fn, version).medianLatencyMs * jitter;
    const latency = [...e.latency].map(([addedMs, weight]) => ({ weight, medianMs, addedMs }));
    cells.set(version, { requests, invocations, errors, throttles, latency });
  }
  return cells;
}

function behaviorOf(fn: SandboxFunction, version: string): VersionBehavior {
  return fn.versions.find((v) => v.version === version)?.behavior ?? fn.latest.behavior;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function componentCdf(c: LatencyComponent, x: number): number {
  if (x <= c.addedMs) return 0;
  return normalCdf((Math.log(x - c.addedMs) - Math.log(c.medianMs)) / SIGMA);
}

/** The q-quantile of a weighted mixture of shifted log-normals (bisection on the mixture CDF). */
export function mixtureQuantile(components: LatencyComponent[], q: number): number | null {
  const total = components.reduce((s, c) => s + c.weight, 0);
  if (total <= 0) return null;
  let lo = Math.min(...components.map((c) => c.addedMs));
  let hi = Math.max(...components.map((c) => c.addedMs + c.medianMs * Math.exp(8 * SIGMA)));
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const cdf = components.reduce((s, c) => s + c.weight * componentCdf(c, mid), 0) / total;
    if (cdf < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function mixtureMean(components: LatencyComponent[]): number | null {
  const total = components.reduce((s, c) => s + c.weight, 0);
  if (total <= 0) return null;
  const mean = components.reduce((s, c) => s + c.weight * (c.addedMs + c.medianMs * Math.exp((SIGMA * SIGMA) / 2)), 0);
  return mean / total;
}
