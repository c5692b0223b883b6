import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCrNumber, parseCrNumber } from "./cr-number";

describe("CR numbers", () => {
  it("pads to three digits like the seed's CR-2024-001", () => {
    expect(formatCrNumber(2024, 1)).toBe("CR-2024-001");
    expect(formatCrNumber(2026, 42)).toBe("CR-2026-042");
  });

  it("grows past 999 instead of wrapping", () => {
    expect(formatCrNumber(2026, 1000)).toBe("CR-2026-1000");
    expect(formatCrNumber(2026, 123456)).toBe("CR-2026-123456");
  });

  it("refuses nonsense", () => {
    expect(() => formatCrNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatCrNumber(26, 1)).toThrow(RangeError);
    expect(parseCrNumber("CR-2026-000")).toBeNull();
    expect(parseCrNumber("CR-26-001")).toBeNull();
    expect(parseCrNumber("hello")).toBeNull();
  });

  it("parses what a user types, case and spaces aside", () => {
    expect(parseCrNumber(" cr-2026-007 ")).toEqual({ year: 2026, seq: 7 });
  });

  it("property: format and parse round-trip, and order of numbers follows order of sequences", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 10_000_000 }), (year, seq) => {
        expect(parseCrNumber(formatCrNumber(year, seq))).toEqual({ year, seq });
      }),
    );
  });
});
