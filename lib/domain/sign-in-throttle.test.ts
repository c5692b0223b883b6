import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FREE_FAILURES, MAX_WAIT_SECONDS, secondsUntilNextAttempt, waitSecondsAfter } from "./sign-in-throttle";

describe("sign-in throttle", () => {
  it("lets the first few mistakes through without waiting", () => {
    for (let f = 0; f < FREE_FAILURES; f++) expect(waitSecondsAfter(f)).toBe(0);
  });

  it("doubles the wait after that, up to a cap", () => {
    expect(waitSecondsAfter(3)).toBe(30);
    expect(waitSecondsAfter(4)).toBe(60);
    expect(waitSecondsAfter(5)).toBe(120);
    expect(waitSecondsAfter(40)).toBe(MAX_WAIT_SECONDS);
  });

  it("counts down from the last failure", () => {
    const last = new Date("2026-01-01T10:00:00Z");
    expect(secondsUntilNextAttempt(5, last, new Date("2026-01-01T10:01:00Z"))).toBe(60);
    expect(secondsUntilNextAttempt(5, last, new Date("2026-01-01T10:02:00Z"))).toBe(0);
    expect(secondsUntilNextAttempt(5, null, last)).toBe(0);
  });

  it("property: more failures never mean a shorter wait", () => {
    fc.assert(
      fc.property(fc.nat(100), (f) => {
        expect(waitSecondsAfter(f + 1)).toBeGreaterThanOrEqual(waitSecondsAfter(f));
      }),
    );
  });
});
