// The orchestrator's notion of time. Against the sandbox it is the sandbox's simulated clock, so a
// 30-minute canary at scale 60 waits 30 real seconds and "the minute ending 14:05" means the same
// minute the metrics were produced in. Against real AWS it is the wall clock.
import { SandboxControlClient } from "@/lib/sandbox/control-client";

export interface DeployClock {
  /** Simulated (or real) now. */
  now(): Promise<Date>;
  /** Real milliseconds until the clock shows `at` (0 if already past). */
  realMsUntil(at: Date): Promise<number>;
  /** Simulated seconds per real second (1 for the wall clock). */
  scale(): Promise<number>;
}

export const systemClock: DeployClock = {
  now: async () => new Date(),
  realMsUntil: async (at) => Math.max(0, at.getTime() - Date.now()),
  scale: async () => 1,
};

/**
 * The sandbox's clock, read through its control API; cached briefly so one tick makes one call, and
 * one read shared by every tick that asks meanwhile (50 deployments ticking at the same period
 * boundary would otherwise each call the sandbox at the moment it is busiest).
 */
export function sandboxClock(url: string, cacheMs = 100): DeployClock {
  const control = new SandboxControlClient(url);
  let cached: { at: number; nowMs: number; scale: number } | null = null;
  let reading: Promise<void> | null = null;
  async function read() {
    if (!cached || Date.now() - cached.at > cacheMs) {
      reading ??= control
        .clock()
        .then((c) => {
          // Stamped on arrival, not on asking: on a busy machine the answer can take 100 ms, which
          // at ×60 would otherwise put our idea of now seconds ahead and read metrics too early.
          cached = { at: Date.now(), nowMs: c.nowMs, scale: c.scale };
        })
        .finally(() => (reading = null));
      await reading;
    }
    if (!cached) throw new Error("sandbox clock unavailable");
    const real = Date.now();
    // Extrapolate from the cached reading so two calls in one tick still see time move.
    return { nowMs: cached.nowMs + (real - cached.at) * cached.scale, scale: cached.scale };
  }
  return {
    async now() {
      return new Date(Math.floor((await read()).nowMs));
    },
    async realMsUntil(at) {
      const c = await read();
      if (c.nowMs >= at.getTime()) return 0;
      // A frozen clock never reaches `at`: look again in a second (tests advance it by hand).
      return c.scale === 0 ? 1000 : Math.ceil((at.getTime() - c.nowMs) / c.scale);
    },
    async scale() {
      return (await read()).scale;
    },
  };
}

/** The clock for this process: the sandbox's when CHANGEGATE_SANDBOX_URL is set, else the wall clock. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): DeployClock {
  return env.CHANGEGATE_SANDBOX_URL ? sandboxClock(env.CHANGEGATE_SANDBOX_URL) : systemClock;
}
