import { describe, expect, it } from "vitest";
import { FlagClient } from "./client";

const ON = JSON.stringify({ enabled: true, percentage: 100 });
const OFF = JSON.stringify({ enabled: false, percentage: 100 });

/** A parameter store in memory that counts reads and can hold them until released. */
function store(initial: Record<string, string>) {
  const values = new Map(Object.entries(initial));
  const reads: string[] = [];
  let gate: Promise<void> | null = null;
  let open = () => {};
  return {
    values,
    reads,
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release() {
      gate = null;
      open();
    },
    fetchParameter: async (name: string) => {
      reads.push(name);
      if (gate) await gate;
      const value = values.get(name);
      if (value === "THROW") throw new Error("ThrottlingException");
      return value ?? null;
    },
  };
}

function setup(initial: Record<string, string>, ttlMs?: number) {
  const s = store(initial);
  let now = 1_000_000;
  const errors: string[] = [];
  const client = new FlagClient({ fetchParameter: s.fetchParameter, ttlMs, now: () => now, onError: (f) => errors.push(f) });
  return { s, client, errors, advance: (ms: number) => (now += ms) };
}

describe("FlagClient", () => {
  it("reads /features/<name> once per TTL (default 60 s, like the seed), then again", async () => {
    const { s, client, advance } = setup({ "/features/advanced-search": ON });
    expect(await client.isEnabled("advanced-search", { userId: "u" })).toBe(true);
    s.values.set("/features/advanced-search", OFF);
    advance(59_999);
    expect(await client.isEnabled("advanced-search", { userId: "u" })).toBe(true);
    expect(s.reads).toEqual(["/features/advanced-search"]);
    advance(1);
    expect(await client.evaluate("advanced-search", { userId: "u" })).toEqual({ enabled: false, reason: "disabled" });
    expect(s.reads).toHaveLength(2);
  });

  it("honours a custom TTL and prefix", async () => {
    const s = store({ "/app/flags/x": ON });
    let now = 0;
    const client = new FlagClient({ fetchParameter: s.fetchParameter, ttlMs: 5_000, prefix: "/app/flags/", now: () => now });
    await client.isEnabled("x");
    now = 4_999;
    await client.isEnabled("x");
    now = 5_000;
    await client.isEnabled("x");
    expect(s.reads).toEqual(["/app/flags/x", "/app/flags/x"]);
  });

  it("concurrent callers of a cold or stale flag share one fetch", async () => {
    const { s, client, advance } = setup({ "/features/f": ON });
    s.hold();
    const answers = Promise.all(Array.from({ length: 50 }, () => client.isEnabled("f", { userId: "u" })));
    s.release();
    expect(await answers).toEqual(new Array(50).fill(true));
    expect(s.reads).toHaveLength(1);
    advance(60_000);
    s.hold();
    const again = Promise.all([client.isEnabled("f"), client.isEnabled("f"), client.isEnabled("f")]);
    s.release();
    await again;
    expect(s.reads).toHaveLength(2);
  });

  it("each flag has its own entry", async () => {
    const { s, client } = setup({ "/features/a": ON, "/features/b": OFF });
    expect([await client.isEnabled("a"), await client.isEnabled("b"), await client.isEnabled("a")]).toEqual([true, false, true]);
    expect(s.reads).toEqual(["/features/a", "/features/b"]);
  });

  it("a missing parameter answers 'not found', a malformed one 'invalid', and neither rejects", async () => {
    const { client } = setup({ "/features/bad": "{not json" });
    expect(await client.evaluate("nope", { userId: "u" })).toEqual({ enabled: false, reason: "not found" });
    expect(await client.evaluate("bad", { userId: "u" })).toEqual({ enabled: false, reason: "invalid" });
  });

  it("a failing fetch keeps the last good value for another TTL, and is reported; with none it is 'not found'", async () => {
    const { s, client, errors, advance } = setup({ "/features/f": ON, "/features/cold": "THROW" });
    expect(await client.isEnabled("f")).toBe(true);
    s.values.set("/features/f", "THROW");
    advance(60_000);
    expect(await client.evaluate("f")).toEqual({ enabled: true, reason: "full" });
    expect(await client.evaluate("cold")).toEqual({ enabled: false, reason: "not found" });
    expect(errors).toEqual(["f", "cold"]);
    // Failures are cached too: no retry until the TTL passes.
    await client.isEnabled("cold");
    expect(s.reads.filter((r) => r === "/features/cold")).toHaveLength(1);
    s.values.set("/features/cold", ON);
    advance(60_000);
    expect(await client.isEnabled("cold")).toBe(true);
  });

  it("clear() forgets the cache so the next call reads again", async () => {
    const { s, client } = setup({ "/features/f": ON });
    await client.isEnabled("f");
    client.clear("f");
    await client.isEnabled("f");
    client.clear();
    await client.isEnabled("f");
    expect(s.reads).toHaveLength(3);
  });
});
