import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { formatDays, formatWait, windowIntervals, windowStatus, windowStatusOfKind } from "./deploy-window";
import { DEFAULT_POLICY, type Policy } from "./policy";

const P = DEFAULT_POLICY;
const utc = (iso: string) => new Date(iso);
const inZone = (timeZone: string): Policy => ({ ...structuredClone(P), timeZone });

describe("windowStatus, Europe/Berlin", () => {
  it("High risk is closed on a weekday afternoon and says when it opens", () => {
    // Tue 14 Jan 2025, 14:48 CET.
    const s = windowStatus(P, "HIGH", utc("2025-01-14T13:48:00Z"));
    expect(s.open).toBe(false);
    expect(s.opensAt?.toISOString()).toBe("2025-01-14T17:00:00.000Z");
    expect(s.message).toBe("High risk deploys only after 18:00 Europe/Berlin; next window opens in 3 h 12 min");
  });

  it("High risk is open at night until 08:00, and from Friday evening until Monday 08:00", () => {
    const tueNight = windowStatus(P, "HIGH", utc("2025-01-14T21:00:00Z"));
    expect(tueNight).toMatchObject({ open: true, message: null });
    expect(tueNight.closesAt?.toISOString()).toBe("2025-01-15T07:00:00.000Z");
    const sat = windowStatus(P, "HIGH", utc("2025-01-18T11:00:00Z"));
    expect(sat.open).toBe(true);
    expect(sat.closesAt?.toISOString()).toBe("2025-01-20T07:00:00.000Z");
  });

  it("window edges: open at 18:00 sharp, closed at 08:00 sharp", () => {
    expect(windowStatus(P, "HIGH", utc("2025-01-14T17:00:00Z")).open).toBe(true);
    expect(windowStatus(P, "HIGH", utc("2025-01-15T07:00:00Z")).open).toBe(false);
    expect(windowStatus(P, "HIGH", utc("2025-01-15T06:59:59Z")).open).toBe(true);
  });

  it("Medium risk: business hours only", () => {
    expect(windowStatus(P, "MEDIUM", utc("2025-01-14T09:00:00Z")).open).toBe(true);
    const evening = windowStatus(P, "MEDIUM", utc("2025-01-14T17:30:00Z"));
    expect(evening.open).toBe(false);
    expect(evening.message).toBe(
      "Medium risk deploys only during business hours (Mon–Fri 09:00–17:00 Europe/Berlin); next window opens in 14 h 30 min",
    );
    const sat = windowStatus(P, "MEDIUM", utc("2025-01-18T10:00:00Z"));
    expect(sat.opensAt?.toISOString()).toBe("2025-01-20T08:00:00.000Z");
    expect(sat.message).toMatch(/next window opens in 1 d 22 h$/);
  });

  it("Low risk: anytime", () => {
    expect(windowStatus(P, "LOW", utc("2025-01-14T13:48:00Z"))).toEqual({
      kind: "ANYTIME",
      open: true,
      closesAt: null,
      opensAt: null,
      message: null,
    });
  });
});

describe("daylight-saving changes", () => {
  it("Berlin, last Sunday of March: the weekend window ends Monday 08:00 CEST (06:00 UTC)", () => {
    const s = windowStatus(P, "HIGH", utc("2025-03-29T12:00:00Z"));
    expect(s.closesAt?.toISOString()).toBe("2025-03-31T06:00:00.000Z");
    const m = windowStatus(P, "MEDIUM", utc("2025-03-29T12:00:00Z"));
    expect(m.opensAt?.toISOString()).toBe("2025-03-31T07:00:00.000Z");
  });

  it("Berlin, last Sunday of October: Friday closes 17:00 CEST, Monday opens 09:00 CET", () => {
    expect(windowStatus(P, "MEDIUM", utc("2025-10-24T14:59:00Z")).open).toBe(true);
    expect(windowStatus(P, "MEDIUM", utc("2025-10-24T15:00:00Z")).opensAt?.toISOString()).toBe("2025-10-27T08:00:00.000Z");
    // Monday after the change: the night window closes 08:00 CET = 07:00 UTC.
    expect(windowStatus(P, "HIGH", utc("2025-10-27T06:30:00Z")).closesAt?.toISOString()).toBe("2025-10-27T07:00:00.000Z");
  });

  it("America/New_York, second Sunday of March", () => {
    const ny = inZone("America/New_York");
    expect(windowStatus(ny, "MEDIUM", utc("2025-03-07T14:00:00Z")).open).toBe(true); // Fri 09:00 EST
    const s = windowStatus(ny, "MEDIUM", utc("2025-03-08T15:00:00Z"));
    expect(s.opensAt?.toISOString()).toBe("2025-03-10T13:00:00.000Z"); // Mon 09:00 EDT
    expect(s.message).toMatch(/Mon–Fri 09:00–17:00 America\/New_York/);
  });

  it("a window whose start is skipped by the spring-forward jump opens at the first instant after", () => {
    const p: Policy = { ...structuredClone(P), afterHours: { start: "02:30", end: "05:00", allDays: [] } };
    const s = windowStatus(p, "HIGH", utc("2025-03-30T00:00:00Z")); // 01:00 CET
    expect(s.opensAt?.toISOString()).toBe("2025-03-30T01:30:00.000Z"); // 03:30 CEST, luxon's forward shift
  });
});

describe("property: open exactly when local wall time is inside the rule", { timeout: 60_000 }, () => {
  const zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC", "Asia/Kolkata"];
  const arb = fc.record({
    zone: fc.constantFrom(...zones),
    ms: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }),
  });
  const local = (ms: number, zone: string) => {
    const d = DateTime.fromMillis(ms, { zone });
    return { weekday: d.weekday, hm: d.toFormat("HH:mm") };
  };

  it("business hours (Medium)", () => {
    fc.assert(
      fc.property(arb, ({ zone, ms }) => {
        const { weekday, hm } = local(ms, zone);
        const expected = weekday <= 5 && hm >= "09:00" && hm < "17:00";
        expect(windowStatus(inZone(zone), "MEDIUM", new Date(ms)).open).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("after hours (High)", () => {
    fc.assert(
      fc.property(arb, ({ zone, ms }) => {
        const { weekday, hm } = local(ms, zone);
        const expected = weekday >= 6 || hm >= "18:00" || hm < "08:00";
        expect(windowStatus(inZone(zone), "HIGH", new Date(ms)).open).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("when closed, the window is open at opensAt and closed a second before", () => {
    fc.assert(
      fc.property(arb, fc.constantFrom("MEDIUM" as const, "HIGH" as const), ({ zone, ms }, risk) => {
        const p = inZone(zone);
        const s = windowStatus(p, risk, new Date(ms));
        if (s.open) {
          expect(s.closesAt!.getTime()).toBeGreaterThan(ms);
          expect(windowStatus(p, risk, s.closesAt!).open).toBe(false);
        } else {
          const opens = s.opensAt!.getTime();
          expect(opens).toBeGreaterThan(ms);
          expect(windowStatus(p, risk, new Date(opens)).open).toBe(true);
          expect(windowStatus(p, risk, new Date(opens - 1000)).open).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("helpers", () => {
  it("windowIntervals merges touching windows", () => {
    const w = windowIntervals(P, "AFTER_HOURS", utc("2025-01-17T12:00:00Z"), utc("2025-01-18T12:00:00Z"));
    expect(w.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ["2025-01-17T17:00:00.000Z", "2025-01-20T07:00:00.000Z"],
    ]);
  });
  it("formatWait", () => {
    expect(formatWait(30_000)).toBe("1 min");
    expect(formatWait(45 * 60_000)).toBe("45 min");
    expect(formatWait((3 * 60 + 12) * 60_000)).toBe("3 h 12 min");
    expect(formatWait(2 * 86_400_000)).toBe("2 d");
    expect(formatWait(0)).toBe("1 min");
  });
  it("formatDays", () => {
    expect(formatDays([1, 2, 3, 4, 5])).toBe("Mon–Fri");
    expect(formatDays([1, 3, 5])).toBe("Mon, Wed, Fri");
    expect(formatDays([6, 7])).toBe("Sat, Sun");
  });
  it("windowStatusOfKind without a risk label", () => {
    expect(windowStatusOfKind(P, "AFTER_HOURS", utc("2025-01-14T13:48:00Z")).message).toMatch(/^This change deploys only after 18:00/);
  });
});
