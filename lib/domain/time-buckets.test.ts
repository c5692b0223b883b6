import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bucketKeyOf,
  enumerateBuckets,
  findBucketIndex,
  periodFromLocalDates,
  periodWeeks,
  startOfLocalDate,
} from "./time-buckets";
import { localDate } from "./local-time";

const at = (iso: string) => new Date(iso);
const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;

describe("day buckets across daylight saving", () => {
  it("Europe/Berlin: the spring day has 23 hours and the autumn day 25", () => {
    const spring = periodFromLocalDates("2024-03-30", "2024-04-01", "Europe/Berlin");
    const days = enumerateBuckets(spring, "day", "Europe/Berlin");
    expect(days.map((d) => d.key)).toEqual(["2024-03-30", "2024-03-31", "2024-04-01"]);
    expect(days[1]!.start).toEqual(at("2024-03-30T23:00:00Z"));
    expect(days[1]!.end).toEqual(at("2024-03-31T22:00:00Z"));
    expect(days.map((d) => hours(d.start, d.end))).toEqual([24, 23, 24]);

    const autumn = periodFromLocalDates("2024-10-27", "2024-10-27", "Europe/Berlin");
    const [day] = enumerateBuckets(autumn, "day", "Europe/Berlin");
    expect(day).toMatchObject({ key: "2024-10-27", start: at("2024-10-26T22:00:00Z"), end: at("2024-10-27T23:00:00Z") });
    expect(day!.partial).toBe(false);
  });

  it("America/New_York: 23 hours on 10 March 2024, 25 on 3 November 2024", () => {
    const zone = "America/New_York";
    const [spring] = enumerateBuckets(periodFromLocalDates("2024-03-10", "2024-03-10", zone), "day", zone);
    expect(spring).toMatchObject({ start: at("2024-03-10T05:00:00Z"), end: at("2024-03-11T04:00:00Z") });
    const [autumn] = enumerateBuckets(periodFromLocalDates("2024-11-03", "2024-11-03", zone), "day", zone);
    expect(autumn).toMatchObject({ start: at("2024-11-03T04:00:00Z"), end: at("2024-11-04T05:00:00Z") });
  });

  it("places an instant on its local date, not its UTC date", () => {
    expect(localDate(at("2024-03-30T23:30:00Z"), "Europe/Berlin")).toBe("2024-03-31");
    expect(localDate(at("2024-11-04T04:30:00Z"), "America/New_York")).toBe("2024-11-03");
    expect(bucketKeyOf(at("2024-11-04T05:00:00Z"), "day", "America/New_York")).toBe("2024-11-04");
  });
});

describe("week buckets", () => {
  it("start on Monday at local midnight and are clipped to the period", () => {
    const zone = "Europe/Berlin";
    // Wednesday 27 March to Wednesday 3 April 2024; the DST week is one hour short.
    const period = periodFromLocalDates("2024-03-27", "2024-04-02", zone);
    const weeks = enumerateBuckets(period, "week", zone);
    expect(weeks.map((w) => [w.key, w.partial])).toEqual([
      ["2024-03-25", true],
      ["2024-04-01", true],
    ]);
    expect(weeks[0]!.start).toEqual(period.from);
    expect(weeks[0]!.end).toEqual(at("2024-03-31T22:00:00Z"));
    expect(weeks[1]!.end).toEqual(period.to);
    expect(bucketKeyOf(at("2024-03-31T21:59:59Z"), "week", zone)).toBe("2024-03-25");
    expect(bucketKeyOf(at("2024-03-31T22:00:00Z"), "week", zone)).toBe("2024-04-01");
  });

  it("a full DST week is 167 hours yet counts as exactly one week", () => {
    const period = periodFromLocalDates("2024-03-25", "2024-03-31", "Europe/Berlin");
    expect(hours(period.from, period.to)).toBe(167);
    expect(periodWeeks(period, "Europe/Berlin")).toBe(1);
    const [week] = enumerateBuckets(period, "week", "Europe/Berlin");
    expect(week!.partial).toBe(false);
  });
});

describe("periods", () => {
  it("is half-open: an empty period has no buckets and zero weeks", () => {
    const p = { from: at("2024-01-01T00:00:00Z"), to: at("2024-01-01T00:00:00Z") };
    expect(enumerateBuckets(p, "day", "UTC")).toEqual([]);
    expect(periodWeeks(p, "UTC")).toBe(0);
  });

  it("refuses inverted periods, invalid dates and unknown zones", () => {
    const p = { from: at("2024-01-02T00:00:00Z"), to: at("2024-01-01T00:00:00Z") };
    expect(() => enumerateBuckets(p, "day", "UTC")).toThrow(RangeError);
    expect(() => periodWeeks({ from: p.to, to: p.from }, "Mars/Olympus")).toThrow(/Unknown time zone/);
    expect(() => startOfLocalDate("2024-02-30", "UTC")).toThrow(RangeError);
    expect(() => periodFromLocalDates("2024-01-01", "nope", "UTC")).toThrow(RangeError);
  });

  it("28 local days are 4 weeks in any zone, DST or not", () => {
    for (const zone of ["UTC", "Europe/Berlin", "America/New_York"]) {
      expect(periodWeeks(periodFromLocalDates("2024-10-14", "2024-11-10", zone), zone)).toBe(4);
    }
  });
});

describe("properties", () => {
  const zones = fc.constantFrom("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney");
  const instant = fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) }).map((t) => new Date(t));

  it("buckets tile the period exactly, and the binary search agrees with the zone conversion", () => {
    fc.assert(
      fc.property(zones, instant, fc.integer({ min: 0, max: 90 * 86_400_000 }), fc.constantFrom("day", "week") as fc.Arbitrary<"day" | "week">, instant, (zone, from, len, g, probe) => {
        const period = { from, to: new Date(from.getTime() + len) };
        const buckets = enumerateBuckets(period, g, zone);
        if (len === 0) return buckets.length === 0;
        expect(buckets[0]!.start).toEqual(period.from);
        expect(buckets.at(-1)!.end).toEqual(period.to);
        for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.start).toEqual(buckets[i - 1]!.end);
        const inside = new Date(from.getTime() + (probe.getTime() % len));
        const i = findBucketIndex(buckets, inside);
        expect(buckets[i]!.key).toBe(bucketKeyOf(inside, g, zone));
        expect(findBucketIndex(buckets, period.to)).toBe(-1);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it("an empty period inside a day has no buckets", () => {
    const t = at("2023-01-01T00:00:00.001Z");
    expect(enumerateBuckets({ from: t, to: t }, "day", "UTC")).toEqual([]);
    expect(enumerateBuckets({ from: t, to: t }, "week", "UTC")).toEqual([]);
  });
});

describe("part days", () => {
  it("count as their share of the day's real length", () => {
    const zone = "Europe/Berlin";
    const from = startOfLocalDate("2024-03-31", zone);
    const noon = new Date("2024-03-31T10:00:00Z"); // 12:00 CEST, 11 real hours after midnight
    expect(periodWeeks({ from, to: noon }, zone) * 7).toBeCloseTo(11 / 23, 12);
  });
});

describe("enumerateBuckets, remembered per period", () => {
  it("answers a repeated question the same, and a caller changing its copy changes nobody else's", () => {
    const period = { from: new Date("2025-03-01T00:00:00Z"), to: new Date("2025-04-01T00:00:00Z") };
    const first = enumerateBuckets(period, "day", "Europe/Berlin");
    const expected = structuredClone(first);
    first[0]!.start.setTime(0);
    first[1]!.key = "changed";
    first.pop();
    expect(enumerateBuckets(period, "day", "Europe/Berlin")).toEqual(expected);
    // Another zone is another question (Berlin changes clocks on 30 March, New York on 9 March).
    expect(enumerateBuckets(period, "day", "America/New_York")[0]!.key).toBe("2025-02-28");
  });
});
