import { describe, expect, it } from "vitest";
import { backoffDelay, BackoffRetryStrategy } from "./retry";

const opts = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

describe("BackoffRetryStrategy", () => {
  it("retries throttling, transient and server errors until maxAttempts", async () => {
    const s = new BackoffRetryStrategy({ ...opts, random: () => 1 });
    let t = await s.acquireInitialRetryToken("x");
    const delays: number[] = [];
    for (const errorType of ["THROTTLING", "SERVER_ERROR", "TRANSIENT"] as const) {
      t = await s.refreshRetryTokenForRetry(t, { errorType });
      delays.push(t.getRetryDelay());
    }
    expect(t.getRetryCount()).toBe(3);
    expect(delays).toEqual([100, 200, 400]);
    await expect(s.refreshRetryTokenForRetry(t, { errorType: "THROTTLING" })).rejects.toThrow();
  });
  it("never retries a client error (a 412 must surface at once)", async () => {
    const s = new BackoffRetryStrategy(opts);
    await expect(s.refreshRetryTokenForRetry(await s.acquireInitialRetryToken(""), { errorType: "CLIENT_ERROR" })).rejects.toThrow();
  });
  it("maxAttempts 1 means no retries", async () => {
    const s = new BackoffRetryStrategy({ ...opts, maxAttempts: 1 });
    await expect(s.refreshRetryTokenForRetry(await s.acquireInitialRetryToken(""), { errorType: "THROTTLING" })).rejects.toThrow();
    expect(() => new BackoffRetryStrategy({ ...opts, maxAttempts: 0 })).toThrow(RangeError);
  });
  it("delays double with jitter between half and all of the ceiling, capped", () => {
    for (let retry = 1; retry <= 8; retry++) {
      const ceiling = Math.min(1000, 100 * 2 ** (retry - 1));
      expect(backoffDelay(retry, { ...opts, random: () => 0 })).toBe(ceiling / 2);
      expect(backoffDelay(retry, { ...opts, random: () => 0.999999 })).toBeLessThanOrEqual(ceiling);
    }
  });
});
