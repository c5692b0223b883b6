import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { COMMON_TIME_ZONES, formatDayTimeInZone, formatInZone, formatTimeInZone, instantToLocalInput, isValidTimeZone, localDate, localDateTime, localToInstant, zoneOffsetMs } from "./local-time";

const ZONES = [...COMMON_TIME_ZONES, "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham", "Australia/Lord_Howe"];

describe("formatInZone", () => {
  it("reads as luxon's 'ccc d LLL yyyy, HH:mm ZZZZ' for any instant and zone, clock changes included", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2060-01-01T00:00:00Z"), noInvalidDate: true }), fc.constantFrom(...ZONES), (d, zone) => {
        expect(formatInZone(d, zone)).toBe(DateTime.fromJSDate(d, { zone }).toFormat("ccc d LLL yyyy, HH:mm ZZZZ"));
      }),
      { numRuns: 2000 },
    );
  });

  it("shows both sides of Berlin's spring-forward hour and midnight as 00", () => {
    expect(formatInZone(new Date("2026-03-29T00:59:00Z"), "Europe/Berlin")).toBe("Sun 29 Mar 2026, 01:59 GMT+1");
    expect(formatInZone(new Date("2026-03-29T01:00:00Z"), "Europe/Berlin")).toBe("Sun 29 Mar 2026, 03:00 GMT+2");
    expect(formatInZone(new Date("2026-01-01T05:00:00Z"), "America/New_York")).toBe("Thu 1 Jan 2026, 00:00 EST");
  });
});

describe("formatDayTimeInZone and formatTimeInZone", () => {
  it("read as luxon's 'ccc d LLL, HH:mm' and 'HH:mm' for any instant and zone", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2060-01-01T00:00:00Z"), noInvalidDate: true }), fc.constantFrom(...ZONES), (d, zone) => {
        const dt = DateTime.fromJSDate(d, { zone });
        expect(formatDayTimeInZone(d, zone)).toBe(dt.toFormat("ccc d LLL, HH:mm"));
        expect(formatTimeInZone(d, zone)).toBe(dt.toFormat("HH:mm"));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("local wall times", () => {
  it("round-trip through instants, and a wall time skipped by a clock change is refused", () => {
    const at = localToInstant("2026-10-25T02:30", "Europe/Berlin");
    expect(at && instantToLocalInput(at, "Europe/Berlin")).toBe("2026-10-25T02:30");
    expect(localToInstant("2026-03-29T02:30", "Europe/Berlin")).toBeNull();
    expect(localToInstant("2026-03-29T02:30", "Mars/Olympus")).toBeNull();
  });
});

describe("local wall-clock values", () => {
  it("are luxon's local date, date-time and offset for any instant and zone, across midnight and clock changes", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2060-01-01T00:00:00Z"), noInvalidDate: true }), fc.constantFrom(...ZONES), (d, zone) => {
        const dt = DateTime.fromJSDate(d, { zone });
        expect(localDate(d, zone)).toBe(dt.toISODate());
        expect(localDateTime(d, zone)).toBe(dt.toFormat("yyyy-MM-dd HH:mm"));
        expect(zoneOffsetMs(d, zone)).toBe(dt.offset * 60_000);
      }),
      { numRuns: 500 },
    );
  });

  it("read both sides of New York's autumn clock change, when 01:30 happens twice", () => {
    expect(localDateTime(new Date("2024-11-03T05:30:00Z"), "America/New_York")).toBe("2024-11-03 01:30");
    expect(localDateTime(new Date("2024-11-03T06:30:00Z"), "America/New_York")).toBe("2024-11-03 01:30");
    expect(zoneOffsetMs(new Date("2024-11-03T05:30:00Z"), "America/New_York")).toBe(-4 * 3_600_000);
    expect(zoneOffsetMs(new Date("2024-11-03T06:30:00Z"), "America/New_York")).toBe(-5 * 3_600_000);
  });
});

describe("isValidTimeZone", () => {
  it("knows IANA zones and refuses others, asked once or again", () => {
    for (let i = 0; i < 2; i++) {
      expect(isValidTimeZone("Europe/Berlin")).toBe(true);
      expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    }
  });
});
