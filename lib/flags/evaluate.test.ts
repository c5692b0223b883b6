import { describe, expect, it } from "vitest";
import { bucketOf, evaluate, loadFlag, murmur3, type FlagContext, type FlagResult } from "./evaluate";

// The seed's sample configuration, verbatim.
const SEED = { enabled: true, percentage: 25, whitelist: ["user123", "user456"], description: "Advanced search with ML ranking", createdAt: "2024-01-15T00:00:00Z", createdBy: "engineering-team" };
const flag = (over: Record<string, unknown> = {}) => JSON.stringify({ ...SEED, ...over });

// Buckets under "advanced-search" (fixed by the hash): user123 9647, user-1 144, user-3 1190, user-4 3336, alice 7228.
describe("evaluate: semantics", () => {
  const cases: [string, string | null, FlagContext, FlagResult][] = [
    ["a disabled flag is off, allowlisted or not", flag({ enabled: false }), { userId: "user123" }, { enabled: false, reason: "disabled" }],
    ["a disabled flag at 100 % is off", flag({ enabled: false, percentage: 100 }), { userId: "x" }, { enabled: false, reason: "disabled" }],
    ["an allowlisted id is in at 25 % although its bucket (9647) is out — the seed's sample left it to chance", flag(), { userId: "user123" }, { enabled: true, reason: "allowlist" }],
    ["an allowlisted id is in at 0 %", flag({ percentage: 0 }), { userId: "user456" }, { enabled: true, reason: "allowlist" }],
    ["`allowlist` is read as well as `whitelist`", flag({ whitelist: undefined, allowlist: ["alice"] }), { userId: "alice" }, { enabled: true, reason: "allowlist" }],
    ["an id whose bucket is under 25 × 100 is in", flag(), { userId: "user-1" }, { enabled: true, reason: "percentage", bucket: 144 }],
    ["an id whose bucket is at or over 2500 is out", flag(), { userId: "user-4" }, { enabled: false, reason: "percentage", bucket: 3336 }],
    ["fractional percentages count in hundredths: 11.91 % takes bucket 1190", flag({ percentage: 11.91 }), { userId: "user-3" }, { enabled: true, reason: "percentage", bucket: 1190 }],
    ["…and 11.9 % does not", flag({ percentage: 11.9 }), { userId: "user-3" }, { enabled: false, reason: "percentage", bucket: 1190 }],
    ["0 % is nobody outside the allowlist", flag({ percentage: 0 }), { userId: "user-1" }, { enabled: false, reason: "percentage", bucket: 144 }],
    ["100 % is everybody — not only the allowlist, as the seed's sample had it", flag({ percentage: 100 }), { userId: "alice" }, { enabled: true, reason: "full" }],
    ["no userId below 100 % is off, as in the seed", flag(), {}, { enabled: false, reason: "no stickiness value" }],
    ["an empty userId counts as none", flag(), { userId: "" }, { enabled: false, reason: "no stickiness value" }],
    ["no userId at 100 % is on", flag({ percentage: 100 }), {}, { enabled: true, reason: "full" }],
    ["the flag may name another stickiness field, also matched by the allowlist", flag({ stickiness: "tenantId", whitelist: ["t-9"] }), { userId: "user123", tenantId: "t-9" }, { enabled: true, reason: "allowlist" }],
    ["with stickiness tenantId, a userId alone is not enough", flag({ stickiness: "tenantId" }), { userId: "user-1" }, { enabled: false, reason: "no stickiness value" }],
    ["a numeric stickiness value is hashed as its string", flag(), { userId: 42 }, { enabled: false, reason: "percentage", bucket: 5112 }],
    ["a missing parameter is off", null, { userId: "user123" }, { enabled: false, reason: "not found" }],
    ["malformed JSON is off", "{enabled: true", { userId: "user123" }, { enabled: false, reason: "invalid" }],
  ];
  it.each(cases)("%s", (_name, raw, context, expected) => {
    expect(evaluate("advanced-search", loadFlag(raw), context)).toEqual(expected);
  });

  it("extra fields (description, createdAt, createdBy, future ones) are kept and ignored", () => {
    const loaded = loadFlag(flag({ owner: "search-team" }));
    expect("problem" in loaded ? null : loaded.config).toMatchObject({ description: "Advanced search with ML ranking", owner: "search-team" });
  });

  it("the flag's name is part of the key: the same id lands in different buckets for different flags", () => {
    expect(bucketOf("advanced-search", "user-1")).toBe(144);
    expect(bucketOf("new-checkout", "user-1")).toBe(631);
  });
});

describe("loadFlag: what is invalid", () => {
  it.each([
    ["not an object", "[]"],
    ["null", "null"],
    ["enabled missing", JSON.stringify({ percentage: 10 })],
    ["enabled as a string", flag({ enabled: "true" })],
    ["percentage missing", JSON.stringify({ enabled: true })],
    ["percentage as a string", flag({ percentage: "25" })],
    ["percentage over 100", flag({ percentage: 101 })],
    ["percentage negative", flag({ percentage: -1 })],
    ["whitelist not a list of strings", flag({ whitelist: [123] })],
    ["allowlist a string", flag({ allowlist: "user123" })],
    ["stickiness empty", flag({ stickiness: "" })],
  ])("%s → invalid (off), not a guess", (_name, raw) => {
    expect(loadFlag(raw)).toEqual({ problem: "invalid" });
    expect(evaluate("f", loadFlag(raw), { userId: "user123" })).toEqual({ enabled: false, reason: "invalid" });
  });
});

describe("murmur3 (x86, 32-bit): the reference test vectors", () => {
  it.each([
    ["", 0, 0],
    ["hello", 0, 0x248bfa47],
    ["hello, world", 0, 0x149bbb7f],
    ["The quick brown fox jumps over the lazy dog", 0, 0x2e4ff723],
    ["Hello, world!", 0x9747b28c, 0x24884cba],
    ["aaaa", 0x9747b28c, 0x5a97808a],
    ["ππππππππ", 0x9747b28c, 0xd58063c1], // hashed as UTF-8
  ])("%j seed %i", (input, seed, expected) => {
    expect(murmur3(input, seed)).toBe(expected);
  });
});
