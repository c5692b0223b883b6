import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mean, percentileCont } from "./percentile";

describe("percentileCont (PostgreSQL percentile_cont semantics)", () => {
  it("interpolates between the ranks around p·(n−1)", () => {
    // SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1),(2),(3),(4)) v(x) → 2.5
    expect(percentileCont([4, 1, 3, 2], 0.5)).toBe(2.5);
    // p90 of 1..10: pos 8.1 → 9 + 0.1·(10 − 9) = 9.1
    expect(percentileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(percentileCont([10, 20, 30], 0.5)).toBe(20);
    expect(percentileCont([10, 20], 0.9)).toBe(19);
  });

  it("one value is every percentile; no values is null; bounds are min and max", () => {
    expect(percentileCont([7], 0.9)).toBe(7);
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([3, 9, 1], 0)).toBe(1);
    expect(percentileCont([3, 9, 1], 1)).toBe(9);
  });

  it("refuses a percentile outside 0..1", () => {
    expect(() => percentileCont([1], 1.5)).toThrow(RangeError);
    expect(() => percentileCont([1], Number.NaN)).toThrow(RangeError);
  });

  it("does not reorder its input", () => {
    const xs = [3, 1, 2];
    percentileCont(xs, 0.5);
    expect(xs).toEqual([3, 1, 2]);
  });

  it("property: lies between min and max and grows with p", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, p, q) => {
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          const a = percentileCont(xs, lo)!;
          const b = percentileCont(xs, hi)!;
          return a >= Math.min(...xs) && b <= Math.max(...xs) && a <= b + 1e-9;
        },
      ),
    );
  });
});

describe("mean", () => {
  it("averages, and is null on nothing like SQL AVG", () => {
    expect(mean([60, 120, 300])).toBe(160);
    expect(mean([])).toBeNull();
  });
});
