// Deterministic randomness for generated metrics. Every draw is a pure function of the sandbox seed
// and the cell it describes (function, alias, version, minute), so asking for the same minute twice
// — or after a restart — gives the same numbers, whatever order the queries came in.

/** 32-bit FNV-1a over the parts, finished with a murmur3 avalanche. */
export function hash32(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = `${String(part)}\u0000`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in (0, 1): never exactly 0, so logs and inverse CDFs stay finite. */
export function uniform(...parts: (string | number)[]): number {
  return (hash32(...parts) + 0.5) / 4294967296;
}

/** Standard normal by Box–Muller from two independent uniforms. */
export function standardNormal(...parts: (string | number)[]): number {
  const u1 = uniform(...parts, "n1");
  const u2 = uniform(...parts, "n2");
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A binomial-like count: how many of n trials with probability p succeed, for one uniform u.
 * Exact Poisson inversion while the mean is small (where exactness is visible, e.g. "0 errors"),
 * the normal approximation above that.
 */
export function countOf(n: number, p: number, u: number, z: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const mean = n * p;
  if (mean < 50) {
    let k = 0;
    let term = Math.exp(-mean);
    let cdf = term;
    while (cdf < u && k < n) {
      k++;
      term *= mean / k;
      cdf += term;
    }
    return k;
  }
  return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * z)));
}

/** Φ(x), the standard normal CDF (Abramowitz–Stegun 7.1.26; error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
