import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allTimeZones, canonicalTimeZone, formatClock, formatInZone, formatWall, isAmbiguousLocal, localDateTime } from "./local-time";

describe("how a person reads an instant in their zone", () => {
  const instant = new Date("2025-03-10T09:00:00Z");

  it("the same instant reads as Berlin or Tokyo time, naming the zone", () => {
    expect(formatInZone(instant, "Europe/Berlin")).toBe("Mon 10 Mar 2025, 10:00 GMT+1");
    expect(formatInZone(instant, "Asia/Tokyo")).toBe("Mon 10 Mar 2025, 18:00 GMT+9");
    expect(formatClock(instant, "Asia/Tokyo")).toBe("18:00");
  });

  it("a table's wall time gets the UTC offset only in the hour that happens twice", () => {
    // Berlin 27 Oct 2024: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(formatWall(new Date("2024-10-27T00:30:00Z"), "Europe/Berlin")).toBe("2024-10-27 02:30 UTC+02:00");
    expect(formatWall(new Date("2024-10-27T01:30:00Z"), "Europe/Berlin")).toBe("2024-10-27 02:30 UTC+01:00");
    expect(formatWall(new Date("2024-10-27T03:30:00Z"), "Europe/Berlin")).toBe("2024-10-27 04:30");
  });

  it("formatWall tells apart any two instants a minute or more apart (property)", () => {
    const zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];
    const t = fc.integer({ min: Date.UTC(2024, 0, 1) / 60_000, max: Date.UTC(2026, 0, 1) / 60_000 }).map((m) => new Date(m * 60_000));
    fc.assert(
      fc.property(t, t, fc.constantFrom(...zones), (a, b, zone) => {
        if (a.getTime() === b.getTime()) return;
        expect(formatWall(a, zone)).not.toBe(formatWall(b, zone));
        expect(formatWall(a, zone).startsWith(localDateTime(a, zone))).toBe(true);
        expect(formatWall(a, zone).length > 16).toBe(isAmbiguousLocal(a, zone));
      }),
    );
  });

  it("zones are offered in full, UTC first, and typed names are spelled as IANA does", () => {
    const zones = allTimeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Asia/Tokyo");
    expect(new Set(zones).size).toBe(zones.length);
    expect(canonicalTimeZone("asia/tokyo")).toBe("Asia/Tokyo");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
  });
});
