import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { silentForWords, workerHealth, WORKER_STALE_AFTER_MS } from "./worker-health";

describe("workerHealth", () => {
  const now = new Date("2026-11-30T12:00:00Z");

  it("is alive exactly while the newest beat is younger than 30 s", () => {
    fc.assert(
      fc.property(fc.integer({ min: -60_000, max: 10 * 60_000 }), (ageMs) => {
        const h = workerHealth(new Date(now.getTime() - ageMs), now);
        expect(h.state).toBe(ageMs < WORKER_STALE_AFTER_MS ? "alive" : "stale");
        if (h.state === "stale") expect(h.silentForMs).toBe(ageMs);
      }),
    );
  });

  it("names a portal whose workers never beat", () => {
    expect(workerHealth(null, now)).toEqual({ state: "never-seen" });
  });
});

describe("silentForWords", () => {
  it.each([
    [30_000, "30 s"],
    [119_000, "119 s"],
    [12 * 60_000, "12 min"],
    [185 * 60_000, "3 h 5 min"],
    [2 * 3_600_000, "2 h"],
    [72 * 3_600_000, "3 days"],
  ])("%i ms reads %s", (ms, words) => expect(silentForWords(ms)).toBe(words));
});
