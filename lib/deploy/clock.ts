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

/** The sandbox's clock, read through its control API; cached briefly so one tick makes one call. */
export function sandboxClock(url: string, cacheMs = 100): DeployClock {
  const control = new SandboxControlClient(url);
  let cached: { at: number; nowMs: number; scale: number } | null = null;
  async function read() {
    const real = Date.now();
    if (!cached || real - cached.at > cacheMs) {
      const c = await control.clock();
      cached = { at: real, nowMs: c.nowMs, scale: c.scale };
    }
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
