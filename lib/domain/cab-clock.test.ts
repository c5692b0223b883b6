import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGENDA_SECTIONS } from "./cab-agenda";
import { agendaClock, formatClock, planParts } from "./cab-clock";
import { minutesLine, parseMinutes } from "./cab-minutes";

const MIN = 60_000;
const start = Date.UTC(2026, 11, 2, 13, 0);
const parts = fc.array(fc.record({ id: fc.uuid(), title: fc.string(), minutes: fc.integer({ min: 1, max: 60 }) }), { minLength: 1, maxLength: 6 });

describe("agendaClock", () => {
  it("lays the seed's parts end to end: 14:00–14:15, 14:15–14:35, 14:35–14:50, 14:50–15:00", () => {
    const plan = planParts(AGENDA_SECTIONS, start);
    expect(plan.map((p) => [(p.startsAt - start) / MIN, (p.endsAt - start) / MIN])).toEqual([[0, 15], [15, 35], [35, 50], [50, 60]]);
  });

  it("eight minutes into the high-risk part: 8:00 used, 12:00 left", () => {
    const c = agendaClock(AGENDA_SECTIONS, start, "HIGH_RISK", start + 23 * MIN);
    expect(c).toMatchObject({ current: 1, pace: "ON_TIME", elapsedMs: 8 * MIN, remainingMs: 12 * MIN, meetingElapsedMs: 23 * MIN, meetingPlannedMs: 60 * MIN });
  });

  it("still on the first part at minute 20 is 5 minutes over; on the retrospective at minute 40 is ahead of plan", () => {
    expect(agendaClock(AGENDA_SECTIONS, start, "UPCOMING", start + 20 * MIN)).toMatchObject({ pace: "OVER", remainingMs: -5 * MIN });
    expect(agendaClock(AGENDA_SECTIONS, start, "INCIDENT_RETRO", start + 40 * MIN)).toMatchObject({ pace: "AHEAD", elapsedMs: 0, remainingMs: 10 * MIN });
  });

  it("boxes are contiguous, and the current part's used + left time is its box (whatever the pace)", () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: -30, max: 400 }), fc.nat(), fc.boolean(), (ps, offsetMin, pick, walked) => {
        const now = start + offsetMin * MIN;
        const id = walked ? ps[pick % ps.length]!.id : null;
        const c = agendaClock(ps, start, id, now);
        c.parts.forEach((p, i) => expect(p.startsAt).toBe(i === 0 ? start : c.parts[i - 1]!.endsAt));
        expect(c.meetingPlannedMs).toBe(ps.reduce((s, p) => s + p.minutes, 0) * MIN);
        const box = c.parts[c.current]!;
        if (id) expect(box.id).toBe(id);
        expect(c.elapsedMs).toBeGreaterThanOrEqual(0);
        expect(c.pace).toBe(now < box.startsAt ? "AHEAD" : now < box.endsAt ? "ON_TIME" : "OVER");
        // Ahead of plan the box has not started: nothing used, all of it left.
        expect(c.elapsedMs + c.remainingMs).toBe(box.endsAt - box.startsAt);
        // Not walked yet: the part whose box holds now (the last once the plan ran out).
        if (!id && now >= start) expect(now < box.endsAt || c.current === ps.length - 1).toBe(true);
      }),
    );
  });

  it("formats minutes and seconds", () => {
    expect(formatClock(125_000)).toBe("2:05");
    expect(formatClock(-61_000)).toBe("1:01");
  });
});

describe("minutes entries", () => {
  it("round-trip: each appended entry reads back with its instant and its text (line breaks kept)", () => {
    const text = fc.array(fc.stringMatching(/^[^\n\r]{0,30}$/), { minLength: 1, maxLength: 4 }).map((ls) => ls.join("\n"));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10 ** 12 }), text), { minLength: 1, maxLength: 8 }), (entries) => {
        const withContent = entries.filter(([, t]) => t.split("\n")[0]!.trim() !== "");
        const minutes = withContent.map(([ms, t]) => minutesLine(new Date(start + ms), t)).join("");
        const read = parseMinutes(minutes);
        expect(read.map((e) => e.at?.getTime())).toEqual(withContent.map(([ms]) => start + ms));
        const expected = withContent.map(([, t]) => t.split("\n").map((l) => l.trimEnd()).filter((l, i) => i === 0 || l.trim() !== ""));
        expect(read.map((e) => e.text.split("\n").map((l) => l.trim()))).toEqual(expected.map((ls) => ls.map((l) => l.trim())));
      }),
    );
  });

  it("free text written before entries were stamped stays readable", () => {
    expect(parseMinutes("Agreed to defer CR-1\nSecond line\n@2026-12-02T13:05:00.000Z Meeting closed.\n")).toEqual([
      { at: null, text: "Agreed to defer CR-1\nSecond line" },
      { at: new Date("2026-12-02T13:05:00.000Z"), text: "Meeting closed." },
    ]);
  });
});
