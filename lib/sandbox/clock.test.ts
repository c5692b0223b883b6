import { describe, expect, it } from "vitest";
import { SimClock } from "./clock";

function fakeReal(start = 1_000_000) {
  let t = start;
  return { now: () => t, tick: (ms: number) => (t += ms) };
}

describe("SimClock", () => {
  it("runs at its scale from the start time", () => {
    const real = fakeReal();
    const c = new SimClock({ scale: 60, startMs: 0 }, real.now);
    real.tick(1000);
    expect(c.now()).toBe(60_000);
  });
  it("keeps elapsed time when the scale changes, and freezes at 0", () => {
    const real = fakeReal();
    const c = new SimClock({ scale: 10, startMs: 0 }, real.now);
    real.tick(1000);
    c.setScale(0);
    real.tick(5000);
    expect(c.now()).toBe(10_000);
    c.advance(90);
    expect(c.now()).toBe(100_000);
    c.setScale(1);
    real.tick(500);
    expect(c.now()).toBe(100_500);
  });
  it("refuses to go backwards or run at an absurd scale", () => {
    const c = new SimClock({ scale: 1 });
    expect(() => c.advance(-1)).toThrow(RangeError);
    expect(() => c.setScale(-1)).toThrow(RangeError);
    expect(() => c.setScale(100_000)).toThrow(RangeError);
  });
  it("restores as if it had kept running", () => {
    const real = fakeReal();
    const c = new SimClock({ scale: 60, startMs: 0 }, real.now);
    real.tick(1000);
    const saved = c.snapshot();
    real.tick(2000);
    const restored = SimClock.restore(saved, real.now);
    expect(restored.now()).toBe(180_000);
    expect(restored.scale).toBe(60);
  });
});
