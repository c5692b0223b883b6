import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cabMeetingEvent,
  changeWindowEvents,
  deploymentEvent,
  freezeWindowEvent,
  monthGrid,
  monthGridRange,
  shiftMonth,
  shiftWeek,
  weekGrid,
  weekGridRange,
  type CalendarEvent,
} from "./change-calendar";

const BERLIN = "Europe/Berlin";
const at = (iso: string) => new Date(iso);
const day = (grid: ReturnType<typeof monthGrid>, date: string) =>
  grid.weeks.flatMap((w) => w.days).find((d) => d.date === date)!;

describe("grid ranges", () => {
  it("March 2024 runs Monday 26 February to Sunday 31 March, in local midnights", () => {
    const r = monthGridRange("2024-03", BERLIN);
    expect(r.from).toEqual(at("2024-02-25T23:00:00Z"));
    expect(r.to).toEqual(at("2024-03-31T22:00:00Z")); // Monday 1 April, after the DST switch
    const g = monthGrid("2024-03", BERLIN, []);
    expect(g.weeks).toHaveLength(5);
    expect(g.weeks[0]!.days.map((d) => [d.date, d.inMonth])).toEqual([
      ["2024-02-26", false],
      ["2024-02-27", false],
      ["2024-02-28", false],
      ["2024-02-29", false],
      ["2024-03-01", true],
      ["2024-03-02", true],
      ["2024-03-03", true],
    ]);
    expect(g.weeks[0]!.days.map((d) => d.isWeekend)).toEqual([false, false, false, false, false, true, true]);
  });

  it("has four rows when a 28-day February starts on Monday and six when a month needs them", () => {
    expect(monthGrid("2021-02", "UTC", []).weeks).toHaveLength(4);
    const sep = monthGrid("2024-09", "America/New_York", []);
    expect(sep.weeks).toHaveLength(6);
    expect(sep.weeks.at(-1)!.days.map((d) => d.date)).toEqual([
      "2024-09-30",
      "2024-10-01",
      "2024-10-02",
      "2024-10-03",
      "2024-10-04",
      "2024-10-05",
      "2024-10-06",
    ]);
  });

  it("a week grid starts on the Monday of the given date", () => {
    expect(weekGrid("2024-11-03", "America/New_York", []).weekStart).toBe("2024-10-28");
    const r = weekGridRange("2024-11-03", "America/New_York");
    expect((r.to.getTime() - r.from.getTime()) / 3_600_000).toBe(169); // the autumn DST week
  });

  it("navigates months and weeks, and refuses malformed input", () => {
    expect(shiftMonth("2024-12", 1)).toBe("2025-01");
    expect(shiftMonth("2024-03", -3)).toBe("2023-12");
    expect(shiftWeek("2024-03-27", 1)).toBe("2024-04-01");
    expect(() => monthGrid("2024-13", BERLIN, [])).toThrow(RangeError);
    expect(() => weekGrid("2024-02-30", BERLIN, [])).toThrow(RangeError);
    expect(() => weekGrid("2024-02-01", "Nowhere/City", [])).toThrow(/Unknown time zone/);
  });
});

describe("placing events", () => {
  const freeze = freezeWindowEvent({
    id: "f1",
    name: "Quarter close",
    startsAt: at("2024-03-28T17:00:00Z"), // Thursday 18:00 CET
    endsAt: at("2024-04-02T06:00:00Z"), // Tuesday 08:00 CEST
  });
  const cab = cabMeetingEvent({ id: "m1", startsAt: at("2024-03-27T13:00:00Z"), endsAt: at("2024-03-27T14:00:00Z") });
  const overnight = deploymentEvent(
    { id: "d1", serviceId: "s1", serviceName: "payments", toVersion: "42", startedAt: at("2024-03-26T22:50:00Z"), finishedAt: at("2024-03-26T23:20:00Z") },
    at("2024-04-10T00:00:00Z"),
  );
  const events = [overnight, freeze, cab];
  const march = monthGrid("2024-03", BERLIN, events);

  it("a CAB meeting sits on Wednesday 14:00–15:00 local", () => {
    expect(day(march, "2024-03-27").events.find((p) => p.event.kind === "cab-meeting")).toMatchObject({
      startMinute: 840,
      endMinute: 900,
      continuesBefore: false,
      continuesAfter: false,
    });
  });

  it("a deployment spanning midnight shows on both days", () => {
    const tue = day(march, "2024-03-26").events.find((p) => p.event.kind === "deployment");
    const wed = day(march, "2024-03-27").events.find((p) => p.event.kind === "deployment");
    expect(tue).toMatchObject({ startMinute: 23 * 60 + 50, endMinute: 1440, continuesAfter: true });
    expect(wed).toMatchObject({ startMinute: 0, endMinute: 20, continuesBefore: true });
    expect(overnight.title).toBe("Deploy payments → version 42");
  });

  it("a multi-day freeze spans its days, across the DST night, as one bar per week row", () => {
    for (const d of ["2024-03-29", "2024-03-30", "2024-03-31"]) {
      expect(day(march, d).events.find((p) => p.event.kind === "freeze-window")).toMatchObject({ startMinute: 0, endMinute: 1440 });
    }
    expect(day(march, "2024-03-28").events.find((p) => p.event.kind === "freeze-window")!.startMinute).toBe(18 * 60);
    const bar = march.weeks[4]!.bars.find((b) => b.event.kind === "freeze-window");
    expect(bar).toMatchObject({ startCol: 3, span: 4, continuesBefore: false, continuesAfter: true });
    const april = monthGrid("2024-04", BERLIN, events);
    expect(april.weeks[0]!.bars.find((b) => b.event.kind === "freeze-window")).toMatchObject({ startCol: 0, span: 2, continuesBefore: true, continuesAfter: false });
    expect(day(april, "2024-04-02").events[0]).toMatchObject({ startMinute: 0, endMinute: 8 * 60 });
  });

  it("overlapping bars take different lanes", () => {
    const bars = march.weeks[4]!.bars;
    const cabBar = bars.find((b) => b.event.kind === "cab-meeting")!;
    const deployBar = bars.find((b) => b.event.kind === "deployment")!;
    expect(deployBar).toMatchObject({ startCol: 1, span: 2, lane: 0 });
    expect(cabBar).toMatchObject({ startCol: 2, span: 1, lane: 1 });
  });

  it("an event ending at local midnight does not spill into the next day", () => {
    const e = freezeWindowEvent({ id: "f2", name: "x", startsAt: at("2024-03-04T23:00:00Z"), endsAt: at("2024-03-05T23:00:00Z") });
    const g = monthGrid("2024-03", BERLIN, [e]);
    expect(day(g, "2024-03-05").events).toHaveLength(1);
    expect(day(g, "2024-03-06").events).toHaveLength(0);
    expect(g.weeks[1]!.bars[0]).toMatchObject({ startCol: 1, span: 1 });
  });

  it("a running deployment is drawn up to the given instant", () => {
    const e = deploymentEvent(
      { id: "d2", serviceId: "s", serviceName: "orders", toVersion: "7", startedAt: at("2024-03-05T10:00:00Z"), finishedAt: null },
      at("2024-03-05T10:30:00Z"),
    );
    expect(e).toMatchObject({ running: true, end: at("2024-03-05T10:30:00Z") });
    const wk = weekGrid("2024-03-05", BERLIN, [e]);
    expect(wk.week.days[1]!.events[0]).toMatchObject({ startMinute: 660, endMinute: 690 });
  });

  it("change windows carry their conflicts on both CRs", () => {
    const base = { serviceId: "s1", windowDurationMin: 60, summary: "Bump" };
    const evs = changeWindowEvents([
      { ...base, id: "a", number: "CR-2024-001", windowStart: at("2024-03-05T09:00:00Z") },
      { ...base, id: "b", number: "CR-2024-002", windowStart: at("2024-03-05T09:30:00Z") },
      { ...base, id: "c", number: "CR-2024-003", windowStart: at("2024-03-05T10:30:00Z") }, // touches b's end
    ]);
    expect(evs.map((e) => e.conflictsWith)).toEqual([["b"], ["a"], []]);
    expect(evs[0]).toMatchObject({ title: "CR-2024-001: Bump", end: at("2024-03-05T10:00:00Z") });
  });
});

describe("properties", () => {
  const event = fc
    .record({
      id: fc.uuid(),
      start: fc.integer({ min: Date.UTC(2024, 9, 20), max: Date.UTC(2024, 10, 15) }),
      len: fc.integer({ min: 0, max: 5 * 86_400_000 }),
    })
    .map((r): CalendarEvent => freezeWindowEvent({ id: r.id, name: "f", startsAt: new Date(r.start), endsAt: new Date(r.start + r.len) }));

  it("bars in the same lane never share a column, and every placed event has a bar", () => {
    fc.assert(
      fc.property(fc.uniqueArray(event, { maxLength: 30, selector: (e) => e.id }), fc.constantFrom("Europe/Berlin", "America/New_York"), (evs, zone) => {
        const g = monthGrid("2024-11", zone, evs);
        for (const w of g.weeks) {
          const used = new Set<string>();
          for (const b of w.bars) {
            for (let c = b.startCol; c < b.startCol + b.span; c++) {
              expect(used.has(`${b.lane}:${c}`)).toBe(false);
              used.add(`${b.lane}:${c}`);
            }
          }
          const placed = new Set(w.days.flatMap((d) => d.events.map((p) => p.event.id)));
          expect(new Set(w.bars.map((b) => b.event.id))).toEqual(placed);
          for (const d of w.days) for (const p of d.events) expect(p.endMinute).toBeGreaterThanOrEqual(p.startMinute);
        }
        return true;
      }),
    );
  });
});
