import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLOCK_SKEW_MS, resolveProblemSeen } from "./problem-seen";

const rollbackAt = new Date("2026-03-29T01:30:00Z");
const revertedStartedAt = new Date("2026-03-28T23:50:00Z");
const ctx = { rollbackAt, revertedStartedAt, timeZone: "Europe/Berlin" };

describe("problem seen at (manual rollback)", () => {
  it("defaults to the rollback's start", () => {
    expect(resolveProblemSeen(undefined, ctx)).toEqual({ at: rollbackAt });
  });
  it("refuses a time after the rollback and one before the reverted deployment started, naming the bound in local time", () => {
    expect(resolveProblemSeen(new Date(rollbackAt.getTime() + 10 * 60_000), ctx).error).toMatch(/after the rollback \(Sun 29 Mar 2026, 03:30 GMT\+2\)/);
    expect(resolveProblemSeen(new Date("2026-03-28T23:45:00Z"), ctx).error).toMatch(/before the deployment being rolled back started \(Sun 29 Mar 2026, 00:50 GMT\+1\)/);
  });
  it("a time in the start's minute, or a little behind it (the form gives minutes, a browser clock may lag), counts as the start", () => {
    expect(resolveProblemSeen(new Date(revertedStartedAt.getTime() - 50_000), ctx).at).toEqual(revertedStartedAt);
    expect(resolveProblemSeen(new Date(revertedStartedAt.getTime() - 60_000 - CLOCK_SKEW_MS), ctx).at).toEqual(revertedStartedAt);
    expect(resolveProblemSeen(new Date(revertedStartedAt.getTime() - 60_000 - CLOCK_SKEW_MS - 1), ctx).error).toMatch(/before the deployment/);
  });
  it("any accepted time lies between the reverted deployment's start and the rollback", () => {
    fc.assert(
      fc.property(fc.integer({ min: -6 * 3600_000, max: 3600_000 }), (offset) => {
        const r = resolveProblemSeen(new Date(rollbackAt.getTime() + offset), ctx);
        if (r.at) {
          expect(r.at.getTime()).toBeLessThanOrEqual(rollbackAt.getTime());
          expect(r.at.getTime()).toBeGreaterThanOrEqual(revertedStartedAt.getTime());
        } else expect(offset > CLOCK_SKEW_MS || rollbackAt.getTime() + offset < revertedStartedAt.getTime()).toBe(true);
      }),
    );
  });
  it("without a reverted deployment only the rollback bounds it", () => {
    expect(resolveProblemSeen(new Date("2020-01-01T00:00:00Z"), { ...ctx, revertedStartedAt: null }).at).toEqual(new Date("2020-01-01T00:00:00Z"));
  });
});
