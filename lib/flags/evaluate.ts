// Feature-flag evaluation for Lambda code: pure, synchronous, dependency-free (a function may copy
// this file as is). The flag JSON is the seed's shape, stored in SSM at /features/<name>:
//   {"enabled": true, "percentage": 25, "whitelist": ["user123"], "description": "…", …}
// Changegate may add fields (`allowlist`, `stickiness`); unknown fields are ignored.
//
// Two places where this deliberately differs from the seed's sample FeatureFlags class:
// - The allowlist (`whitelist`, or `allowlist`) lets its ids in at EVERY percentage while the flag is
//   on. The sample only consults it at 100 % — so its own sample config (25 % + two ids) would leave
//   those ids to chance — and at 100 % it turns the allowlist into a restriction (only those ids).
//   Here 100 % means everyone.
// - A missing stickiness value (no userId) is out below 100 %, as in the seed, and in at 100 %.

export type FlagReason = "disabled" | "allowlist" | "percentage" | "full" | "no stickiness value" | "not found" | "invalid";

export interface FlagResult {
  enabled: boolean;
  reason: FlagReason;
  /** The id's bucket in [0, 10000) (hundredths of a percent); only when the percentage decided. */
  bucket?: number;
}

/** The stored JSON, as far as evaluation reads it. */
export interface FlagConfig {
  enabled: boolean;
  percentage: number;
  whitelist?: string[];
  allowlist?: string[];
  /** Which context field is hashed for the percentage and matched against the allowlist; default userId. */
  stickiness?: string;
  [other: string]: unknown;
}

/** A flag read once and prepared for fast evaluation (the allowlist as a Set, the threshold in buckets). */
export interface LoadedFlag {
  config: FlagConfig;
  enabled: boolean;
  allow: ReadonlySet<string>;
  stickiness: string;
  /** Ids whose bucket is below this are in: percentage × 100. */
  threshold: number;
}

/** Why a parameter could not be used: absent (or unreadable), or not a valid flag. */
export interface FlagProblem {
  problem: "not found" | "invalid";
}

export type FlagContext = Readonly<Record<string, string | number | null | undefined>>;

export const BUCKETS = 10_000;
const DEFAULT_STICKINESS = "userId";

function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/** Validates a parsed JSON value; anything that would make evaluation guess is "invalid". */
export function loadFlagConfig(value: unknown): LoadedFlag | FlagProblem {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { problem: "invalid" };
  const c = value as Record<string, unknown>;
  const { enabled, percentage, whitelist, allowlist, stickiness } = c;
  if (typeof enabled !== "boolean") return { problem: "invalid" };
  if (typeof percentage !== "number" || !Number.isFinite(percentage) || percentage < 0 || percentage > 100) return { problem: "invalid" };
  if (whitelist !== undefined && !isIdList(whitelist)) return { problem: "invalid" };
  if (allowlist !== undefined && !isIdList(allowlist)) return { problem: "invalid" };
  if (stickiness !== undefined && (typeof stickiness !== "string" || stickiness === "")) return { problem: "invalid" };
  return {
    config: c as FlagConfig,
    enabled,
    allow: new Set([...(whitelist ?? []), ...(allowlist ?? [])]),
    stickiness: stickiness ?? DEFAULT_STICKINESS,
    threshold: percentage * 100,
  };
}

/** The parameter's string value (null when the parameter does not exist) → a flag ready to evaluate. */
export function loadFlag(raw: string | null | undefined): LoadedFlag | FlagProblem {
  if (raw === null || raw === undefined) return { problem: "not found" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { problem: "invalid" };
  }
  return loadFlagConfig(parsed);
}

/** The string itself when ASCII (the usual id: its char codes are its UTF-8 bytes), else its UTF-8 bytes as one char each. */
function asciiOrUtf8Bytes(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      let bytes = "";
      for (const b of new TextEncoder().encode(s)) bytes += String.fromCharCode(b);
      return bytes;
    }
  }
  return s;
}

/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain reference, seed 0), over the
 * string's UTF-8 bytes. Why this hash: it is well known and specified, mixes every input bit into
 * every output bit (it passes SMHasher's avalanche tests, unlike FNV-1a, whose low bits — the ones a
 * modulo keeps — vary little across short keys like "user-1", "user-2"), and it is what Unleash's
 * SDKs use for gradual rollout, so the choice is the industry's usual one. 2^32 is not a multiple of
 * 10,000, so buckets below 7,296 are more likely by one part in 429,496: negligible.
 */
export function murmur3(input: string, seed = 0): number {
  const key = asciiOrUtf8Bytes(input);
  const length = key.length;
  const blocks = length & ~3;
  let h = seed | 0;
  for (let i = 0; i < blocks; i += 4) {
    let k = key.charCodeAt(i) | (key.charCodeAt(i + 1) << 8) | (key.charCodeAt(i + 2) << 16) | (key.charCodeAt(i + 3) << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (length & 3) {
    case 3:
      k ^= key.charCodeAt(blocks + 2) << 16;
    // falls through
    case 2:
      k ^= key.charCodeAt(blocks + 1) << 8;
    // falls through
    case 1:
      k ^= key.charCodeAt(blocks);
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * An id's bucket for a flag, in [0, 10000). The flag's name is part of the key so that the 10 % of
 * one flag are not the same people as the 10 % of every other flag.
 */
export function bucketOf(flagName: string, id: string): number {
  return murmur3(`${flagName}:${id}`) % BUCKETS;
}

/**
 * Whether the flag is on for this context. Never throws. A percentage compares the id's fixed
 * bucket with percentage × 100, so raising it only adds ids (nobody in at 10 % is out at 20 %), and
 * fractional percentages work to 0.01 %.
 */
export function evaluate(flagName: string, flag: LoadedFlag | FlagProblem, context: FlagContext = {}): FlagResult {
  if ("problem" in flag) return { enabled: false, reason: flag.problem };
  if (!flag.enabled) return { enabled: false, reason: "disabled" };
  const value = context[flag.stickiness];
  const id = value === null || value === undefined || value === "" ? null : String(value);
  if (id !== null && flag.allow.has(id)) return { enabled: true, reason: "allowlist" };
  if (flag.threshold >= BUCKETS) return { enabled: true, reason: "full" };
  if (id === null) return { enabled: false, reason: "no stickiness value" };
  const bucket = bucketOf(flagName, id);
  return { enabled: bucket < flag.threshold, reason: "percentage", bucket };
}
