import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  agendaCutoff,
  currentOrNextMeeting,
  meetingForSubmission,
  meetingSlotsBetween,
  nextMeeting,
  nextMeetingStart,
  previousMeeting,
  retrospectiveMeetingFor,
} from "./cab-schedule";
import { DEFAULT_POLICY, type Policy } from "./policy";

const P = DEFAULT_POLICY;
const inZone = (timeZone: string): Policy => ({ ...structuredClone(P), timeZone });
const iso = (d: Date) => d.toISOString();
const starts = (from: string, to: string, p: Policy = P) => meetingSlotsBetween(new Date(from), new Date(to), p).map((s) => iso(s.startsAt));

describe("weekly slots", () => {
  it("every Wednesday 14:00–15:00 Europe/Berlin", () => {
    const slots = meetingSlotsBetween(new Date("2025-01-01T00:00:00Z"), new Date("2025-01-20T00:00:00Z"), P);
    expect(slots.map((s) => [iso(s.startsAt), iso(s.endsAt)])).toEqual([
      ["2025-01-01T13:00:00.000Z", "2025-01-01T14:00:00.000Z"],
      ["2025-01-08T13:00:00.000Z", "2025-01-08T14:00:00.000Z"],
      ["2025-01-15T13:00:00.000Z", "2025-01-15T14:00:00.000Z"],
    ]);
  });

  it("stays at 14:00 local across the March change in Berlin", () => {
    expect(starts("2025-03-20T00:00:00Z", "2025-04-05T00:00:00Z")).toEqual(["2025-03-26T13:00:00.000Z", "2025-04-02T12:00:00.000Z"]);
  });

  it("and across the October change", () => {
    expect(starts("2025-10-20T00:00:00Z", "2025-11-01T00:00:00Z")).toEqual(["2025-10-22T12:00:00.000Z", "2025-10-29T13:00:00.000Z"]);
  });

  it("America/New_York changes on its own date", () => {
    expect(starts("2025-03-04T00:00:00Z", "2025-03-13T00:00:00Z", inZone("America/New_York"))).toEqual([
      "2025-03-05T19:00:00.000Z",
      "2025-03-12T18:00:00.000Z",
    ]);
  });

  it("the bounds are [from, to)", () => {
    expect(starts("2025-01-08T13:00:00Z", "2025-01-15T13:00:00Z")).toEqual(["2025-01-08T13:00:00.000Z"]);
    expect(starts("2025-01-08T13:00:01Z", "2025-01-15T13:00:00Z")).toEqual([]);
  });

  it("uses the policy's day, time and length", () => {
    const p = structuredClone(P);
    p.cab.meeting = { weekday: 1, start: "09:30", durationMinutes: 45, startToleranceMinutes: 15 };
    const s = nextMeeting(new Date("2025-01-01T00:00:00Z"), p);
    expect([iso(s.startsAt), iso(s.endsAt)]).toEqual(["2025-01-06T08:30:00.000Z", "2025-01-06T09:15:00.000Z"]);
  });
});

describe("next, current and previous meeting", () => {
  it("nextMeetingStart is at or after now", () => {
    expect(iso(nextMeetingStart(new Date("2025-01-08T13:00:00Z"), P))).toBe("2025-01-08T13:00:00.000Z");
    expect(iso(nextMeetingStart(new Date("2025-01-08T13:00:01Z"), P))).toBe("2025-01-15T13:00:00.000Z");
    expect(iso(nextMeetingStart(new Date("2025-01-09T10:00:00Z"), P))).toBe("2025-01-15T13:00:00.000Z");
  });
  it("currentOrNextMeeting is the one in progress", () => {
    expect(iso(currentOrNextMeeting(new Date("2025-01-08T13:30:00Z"), P).startsAt)).toBe("2025-01-08T13:00:00.000Z");
    expect(iso(currentOrNextMeeting(new Date("2025-01-08T14:00:00Z"), P).startsAt)).toBe("2025-01-15T13:00:00.000Z");
  });
  it("previousMeeting starts strictly before", () => {
    expect(iso(previousMeeting(new Date("2025-01-08T13:00:00Z"), P).startsAt)).toBe("2025-01-01T13:00:00.000Z");
    expect(iso(previousMeeting(new Date("2025-04-02T12:00:00Z"), P).startsAt)).toBe("2025-03-26T13:00:00.000Z");
  });
});

describe("agenda cut-off", () => {
  it("a CR submitted before the cut-off joins the next meeting, after it the one after", () => {
    // Cut-off 24 h: Tue 14 Jan 14:00 CET for the meeting on Wed 15 Jan.
    expect(iso(meetingForSubmission(new Date("2025-01-14T12:59:00Z"), P).startsAt)).toBe("2025-01-15T13:00:00.000Z");
    expect(iso(meetingForSubmission(new Date("2025-01-14T13:00:00Z"), P).startsAt)).toBe("2025-01-15T13:00:00.000Z");
    expect(iso(meetingForSubmission(new Date("2025-01-14T13:00:01Z"), P).startsAt)).toBe("2025-01-22T13:00:00.000Z");
    expect(iso(agendaCutoff(nextMeeting(new Date("2025-01-10T00:00:00Z"), P), P))).toBe("2025-01-14T13:00:00.000Z");
  });
  it("a cut-off of zero accepts until the meeting starts", () => {
    const p = structuredClone(P);
    p.cab.agendaCutoffHours = 0;
    expect(iso(meetingForSubmission(new Date("2025-01-15T12:59:00Z"), p).startsAt)).toBe("2025-01-15T13:00:00.000Z");
  });
  it("emergency retrospectives go to the first meeting after, without a cut-off", () => {
    expect(iso(retrospectiveMeetingFor(new Date("2025-01-15T12:00:00Z"), P).startsAt)).toBe("2025-01-15T13:00:00.000Z");
    expect(iso(retrospectiveMeetingFor(new Date("2025-01-15T13:00:00Z"), P).startsAt)).toBe("2025-01-22T13:00:00.000Z");
  });
});

describe("properties", { timeout: 60_000 }, () => {
  const arb = fc.record({
    zone: fc.constantFrom("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"),
    ms: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }),
    cutoff: fc.integer({ min: 0, max: 168 }),
  });

  it("every slot is Wednesday 14:00 local, one local week apart", () => {
    fc.assert(
      fc.property(arb, ({ zone, ms }) => {
        const p = inZone(zone);
        const slots = meetingSlotsBetween(new Date(ms), new Date(ms + 60 * 86_400_000), p);
        expect(slots.length).toBeGreaterThanOrEqual(8);
        let prev: DateTime | null = null;
        for (const s of slots) {
          const local = DateTime.fromJSDate(s.startsAt, { zone });
          expect(local.weekday).toBe(3);
          expect(local.toFormat("HH:mm")).toBe("14:00");
          if (prev) expect(local.startOf("day").diff(prev.startOf("day"), "days").days).toBe(7);
          prev = local;
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the chosen meeting is the earliest whose cut-off the submission meets", () => {
    fc.assert(
      fc.property(arb, ({ zone, ms, cutoff }) => {
        const p = inZone(zone);
        p.cab.agendaCutoffHours = cutoff;
        const at = new Date(ms);
        const slot = meetingForSubmission(at, p);
        expect(at.getTime()).toBeLessThanOrEqual(agendaCutoff(slot, p).getTime());
        const earlier = previousMeeting(slot.startsAt, p);
        expect(earlier.startsAt.getTime() < at.getTime() || at.getTime() > agendaCutoff(earlier, p).getTime()).toBe(true);
        const next = nextMeetingStart(at, p);
        expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(previousMeeting(next, p).startsAt.getTime()).toBeLessThan(at.getTime());
      }),
      { numRuns: 300 },
    );
  });
});
