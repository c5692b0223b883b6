// Summary statistics with the exact semantics of their PostgreSQL counterparts, so the SQL metrics
// path and these pure functions agree on the same rows (a property test compares them).

/**
 * PostgreSQL's `percentile_cont(p) WITHIN GROUP (ORDER BY x)`: sort ascending, take the position
 * p·(n−1) (0-based), and interpolate linearly between the values at floor and ceil of it:
 *   v[lo] + (pos − lo)·(v[hi] − v[lo])
 * (the same float8 formula PostgreSQL uses). Median = p 0.5. Empty input → null, like SQL's NULL.
 */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Percentile must be within 0..1, got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const loVal = sorted[lo]!;
  const hiVal = sorted[hi]!;
  return loVal + (pos - lo) * (hiVal - loVal);
}

/** Arithmetic mean, SQL AVG semantics: empty → null. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
