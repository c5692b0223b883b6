import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAmbiguousLocal, localDateTime, utcOffsetLabel, zoneOffsetMs, zoneOffsets } from "./local-time";

const BERLIN = "Europe/Berlin";

describe("local times that happen twice", () => {
  it("the repeated hour when Berlin's clocks go back is ambiguous, with its offset to tell them apart", () => {
    const first = new Date("2024-10-27T00:30:00Z"); // 02:30 summer time
    const second = new Date("2024-10-27T01:30:00Z"); // 02:30 winter time
    expect(localDateTime(first, BERLIN)).toBe(localDateTime(second, BERLIN));
    expect(isAmbiguousLocal(first, BERLIN)).toBe(true);
    expect(isAmbiguousLocal(second, BERLIN)).toBe(true);
    expect([utcOffsetLabel(first, BERLIN), utcOffsetLabel(second, BERLIN)]).toEqual(["UTC+02:00", "UTC+01:00"]);
  });

  it("ordinary and spring-forward times are not ambiguous", () => {
    expect(isAmbiguousLocal(new Date("2024-10-27T02:30:00Z"), BERLIN)).toBe(false);
    expect(isAmbiguousLocal(new Date("2024-03-31T01:30:00Z"), BERLIN)).toBe(false);
    expect(isAmbiguousLocal(new Date("2024-07-01T12:00:00Z"), BERLIN)).toBe(false);
    expect(isAmbiguousLocal(new Date("2024-10-27T00:30:00Z"), "UTC")).toBe(false);
  });

  it("property: a time is ambiguous exactly when another instant within two hours shows the same wall time", () => {
    // A few hours either side of each zone's 2024 fall-back (Sydney's is in April).
    const around: Record<string, number> = {
      [BERLIN]: Date.UTC(2024, 9, 26, 22),
      "America/New_York": Date.UTC(2024, 10, 3, 3),
      "Australia/Sydney": Date.UTC(2024, 3, 6, 13),
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 * 60 }), fc.constantFrom(...Object.keys(around)), (min, zone) => {
        const t = new Date(around[zone]! + min * 60_000);
        const wall = localDateTime(t, zone);
        const twin = [-3600_000, 3600_000].some((d) => localDateTime(new Date(t.getTime() + d), zone) === wall);
        expect(isAmbiguousLocal(t, zone)).toBe(twin);
      }),
    );
  });

  it("property: a table's offsets looked up per 15-minute slot agree with each instant's own, and so do the ambiguity marks", () => {
    // Instants sorted as a table lists them, across clock changes both ways, in zones with odd offsets too.
    const zones = [BERLIN, "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"];
    const from = Date.UTC(2024, 2, 1);
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(fc.integer({ min: 0, max: 300 * 86_400 }), { minLength: 1, maxLength: 60 }), (zone, seconds) => {
        const offsetAt = zoneOffsets(zone);
        for (const s of seconds.sort((a, b) => b - a)) {
          const t = new Date(from + s * 1000 + (s % 1000));
          expect(offsetAt(t)).toBe(zoneOffsetMs(t, zone));
          expect(isAmbiguousLocal(t, zone, offsetAt)).toBe(isAmbiguousLocal(t, zone));
        }
      }),
    );
  });
});
