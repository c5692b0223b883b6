import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conflictsByChange, findWindowConflicts, windowsOverlap, type ChangeWindow } from "./window-conflicts";

const T0 = Date.UTC(2024, 5, 3, 8);
const w = (id: string, startMin: number, durationMin: number, serviceId = "svc", state?: ChangeWindow["state"]): ChangeWindow => ({
  id,
  serviceId,
  windowStart: new Date(T0 + startMin * 60_000),
  windowDurationMin: durationMin,
  ...(state ? { state } : {}),
});
const pairs = (cs: ChangeWindow[]) => findWindowConflicts(cs).map((c) => `${c.a}-${c.b}`);

describe("findWindowConflicts", () => {
  it("flags overlapping windows on one service with the overlap", () => {
    const [c] = findWindowConflicts([w("cr1", 0, 60), w("cr2", 30, 60)]);
    expect(c).toEqual({
      serviceId: "svc",
      a: "cr1",
      b: "cr2",
      overlapStart: new Date(T0 + 30 * 60_000),
      overlapEnd: new Date(T0 + 60 * 60_000),
    });
  });

  it("touching windows (end == start) do not conflict", () => {
    expect(pairs([w("cr1", 0, 60), w("cr2", 60, 30)])).toEqual([]);
  });

  it("other services, cancelled and rejected CRs do not conflict", () => {
    expect(pairs([w("cr1", 0, 60, "a"), w("cr2", 0, 60, "b")])).toEqual([]);
    expect(pairs([w("cr1", 0, 60), w("cr2", 10, 60, "svc", "CANCELLED"), w("cr3", 10, 5, "svc", "REJECTED")])).toEqual([]);
    expect(pairs([w("cr1", 0, 60), w("cr2", 10, 60, "svc", "DRAFT")])).toEqual(["cr1-cr2"]);
  });

  it("finds every pair when one long window contains several short ones", () => {
    expect(pairs([w("long", 0, 600), w("x", 10, 10), w("y", 30, 10), w("z", 35, 10)])).toEqual([
      "long-x",
      "long-y",
      "long-z",
      "y-z",
    ]);
  });

  it("a zero-length window conflicts only with a window strictly around it", () => {
    expect(pairs([w("outer", 0, 60), w("point", 30, 0)])).toEqual(["outer-point"]);
    expect(pairs([w("outer", 0, 60), w("point", 0, 0)])).toEqual([]);
  });

  it("lists conflicts on both CRs", () => {
    const map = conflictsByChange(findWindowConflicts([w("cr1", 0, 60), w("cr2", 30, 60), w("cr3", 45, 10)]));
    expect(map.get("cr1")).toEqual(["cr2", "cr3"]);
    expect(map.get("cr3")).toEqual(["cr1", "cr2"]);
  });

  it("handles a few thousand CRs quickly", () => {
    // 125 CRs per service within ~3.5 days: dense enough for real conflicts.
    const many = Array.from({ length: 5000 }, (_, i) => w(`cr${i}`, (i * 13) % 5000, 30 + (i % 7) * 20, `svc${i % 40}`));
    const started = performance.now();
    const found = findWindowConflicts(many);
    expect(performance.now() - started).toBeLessThan(500);
    expect(found.length).toBeGreaterThan(0);
  });
});

describe("properties", () => {
  const windows = fc.uniqueArray(
    fc.record({
      id: fc.uuid(),
      serviceId: fc.constantFrom("a", "b", "c"),
      start: fc.integer({ min: 0, max: 2000 }),
      duration: fc.integer({ min: 0, max: 240 }),
    }),
    { maxLength: 60, selector: (r) => r.id },
  );

  it("equal a brute-force O(n²) check, with a before b, and are symmetric per CR", () => {
    fc.assert(
      fc.property(windows, (rs) => {
        const cs = rs.map((r) => w(r.id, r.start, r.duration, r.serviceId));
        const found = findWindowConflicts(cs);
        const key = (x: string, y: string) => [x, y].sort().join("|");
        const expected = new Set<string>();
        for (let i = 0; i < cs.length; i++) {
          for (let j = i + 1; j < cs.length; j++) {
            const x = cs[i]!;
            const y = cs[j]!;
            const sx = { start: x.windowStart.getTime(), end: x.windowStart.getTime() + x.windowDurationMin * 60_000 };
            const sy = { start: y.windowStart.getTime(), end: y.windowStart.getTime() + y.windowDurationMin * 60_000 };
            if (x.serviceId === y.serviceId && windowsOverlap(sx, sy)) expected.add(key(x.id, y.id));
          }
        }
        expect(new Set(found.map((c) => key(c.a, c.b)))).toEqual(expected);
        expect(found).toHaveLength(expected.size);
        const byId = new Map(cs.map((c) => [c.id, c]));
        for (const c of found) {
          expect(byId.get(c.a)!.windowStart.getTime()).toBeLessThanOrEqual(byId.get(c.b)!.windowStart.getTime());
          // Empty only when a zero-length window sits strictly inside another.
          expect(c.overlapStart.getTime()).toBeLessThanOrEqual(c.overlapEnd.getTime());
        }
        const map = conflictsByChange(found);
        for (const [id, others] of map) for (const o of others) expect(map.get(o)).toContain(id);
        return true;
      }),
    );
  });
});
