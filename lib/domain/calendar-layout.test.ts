import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarHref, calendarTitle, dayLayers, layoutDayBlocks, MIN_BLOCK_MINUTES, visibleHours } from "./calendar-layout";
import type { CalendarEvent, PlacedEvent } from "./change-calendar";

const ev = (id: string, kind: CalendarEvent["kind"] = "change-window"): CalendarEvent => ({
  id: `${kind}:${id}`,
  kind,
  refId: id,
  title: id,
  start: new Date(0),
  end: new Date(0),
  serviceId: null,
  conflictsWith: [],
});
const placed = (id: string, startMinute: number, endMinute: number, kind?: CalendarEvent["kind"]): PlacedEvent => ({
  event: ev(id, kind),
  startMinute,
  endMinute,
  continuesBefore: false,
  continuesAfter: false,
});
const drawnEnd = (p: PlacedEvent) => Math.max(p.endMinute, p.startMinute + MIN_BLOCK_MINUTES);

describe("layoutDayBlocks", () => {
  it("puts two overlapping windows side by side and a later one back at full width", () => {
    const blocks = layoutDayBlocks([placed("a", 600, 660), placed("b", 630, 720), placed("c", 800, 860)]);
    const by = Object.fromEntries(blocks.map((b) => [b.p.event.refId, [b.col, b.cols]]));
    expect(by).toEqual({ a: [0, 2], b: [1, 2], c: [0, 1] });
  });

  it("never draws two blocks of a day over each other: same column ⇒ disjoint; every block in a column of its cluster", () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 600 })).map(([s, len]) => [s, Math.min(1440, s + len)] as const);
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 25 }), (ivs) => {
        const blocks = layoutDayBlocks(ivs.map(([s, e], i) => placed(String(i), s, e)));
        expect(blocks).toHaveLength(ivs.length);
        for (const b of blocks) expect(b.col).toBeLessThan(b.cols);
        for (const x of blocks) {
          for (const y of blocks) {
            if (x === y) continue;
            const overlap = x.p.startMinute < drawnEnd(y.p) && y.p.startMinute < drawnEnd(x.p);
            if (overlap) {
              expect(x.col).not.toBe(y.col);
              expect(x.cols).toBe(y.cols); // overlapping blocks share their cluster's width
            }
          }
        }
      }),
    );
  });
});

describe("dayLayers and visibleHours", () => {
  it("freezes become bands behind the blocks, not blocks", () => {
    const day = { date: "2026-11-30", inMonth: true, isWeekend: false, events: [placed("f", 0, 1440, "freeze-window"), placed("a", 600, 660)] };
    const { bands, blocks } = dayLayers(day);
    expect(bands.map((b) => b.event.refId)).toEqual(["f"]);
    expect(blocks.map((b) => b.p.event.refId)).toEqual(["a"]);
  });

  it("shows 07–20 unless a block lies outside it; a freeze does not widen it", () => {
    const week = (events: PlacedEvent[]) => ({ days: [{ date: "2026-11-30", inMonth: true, isWeekend: false, events }], bars: [] });
    expect(visibleHours(week([placed("f", 0, 1440, "freeze-window"), placed("a", 600, 660)]))).toEqual({ from: 7, to: 20 });
    expect(visibleHours(week([placed("a", 5 * 60 + 30, 6 * 60), placed("b", 22 * 60, 23 * 60 + 10)]))).toEqual({ from: 5, to: 24 });
  });
});

describe("headers and links", () => {
  it("reads in words", () => {
    expect(calendarTitle("month", "2026-11")).toBe("November 2026");
    expect(calendarTitle("week", "2026-12-03")).toBe("Week of 30 Nov 2026");
    expect(calendarTitle("day", "2026-11-30")).toBe("Monday 30 November 2026");
  });

  it("keeps the filters", () => {
    expect(calendarHref("day", "2026-11-30", { service: "s1", team: undefined })).toBe("/calendar?view=day&date=2026-11-30&service=s1");
    expect(calendarHref("month", "2026-11", {})).toBe("/calendar?view=month&month=2026-11");
  });
});
