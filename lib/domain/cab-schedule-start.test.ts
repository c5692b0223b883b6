import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meetingRunningAt } from "./approval-tally";
import { meetingStartWindow } from "./cab-schedule";
import { DEFAULT_POLICY, type Policy } from "./policy";

const withTolerance = (m: number): Policy => ({ ...DEFAULT_POLICY, cab: { ...DEFAULT_POLICY.cab, meeting: { ...DEFAULT_POLICY.cab.meeting, startToleranceMinutes: m } } });

describe("meetingStartWindow", () => {
  it("opens the policy's tolerance before the slot and closes at its planned end", () => {
    const slot = { startsAt: new Date("2026-12-02T13:00:00Z"), endsAt: new Date("2026-12-02T14:00:00Z") };
    expect(meetingStartWindow(slot, DEFAULT_POLICY)).toEqual({ opensAt: new Date("2026-12-02T12:45:00Z"), closesAt: slot.endsAt });
    expect(meetingStartWindow(slot, withTolerance(0)).opensAt).toEqual(slot.startsAt);
  });

  it("a meeting started anywhere inside the window is running at that instant", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 15, max: 480 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (tol, minutes, f) => {
        const startsAt = new Date("2026-12-02T13:00:00Z");
        const slot = { startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) };
        const policy = withTolerance(tol);
        const { opensAt, closesAt } = meetingStartWindow(slot, policy);
        const at = new Date(opensAt.getTime() + Math.floor(f * (closesAt.getTime() - opensAt.getTime())));
        expect(meetingRunningAt({ startedAt: at, closedAt: null, endsAt: slot.endsAt }, at, policy)).toBe(true);
      }),
    );
  });
});
