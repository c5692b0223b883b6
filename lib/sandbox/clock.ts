// The sandbox's simulated clock. Metrics are produced on it and the orchestrator reads it through
// the control API, so a 30-minute canary at scale 60 takes 30 real seconds and both sides agree on
// what "5 minutes later" means. Scale 0 freezes time: tests then move it only with advance().

export interface ClockSnapshot {
  /** Simulated epoch ms at the anchor. */
  simMs: number;
  /** Real epoch ms at the anchor. */
  realMs: number;
  scale: number;
}

export const MAX_TIME_SCALE = 3600;

export class SimClock {
  private anchor: ClockSnapshot;

  constructor(
    init: { scale?: number; startMs?: number } = {},
    private readonly realNow: () => number = Date.now,
  ) {
    const real = realNow();
    this.anchor = { simMs: init.startMs ?? real, realMs: real, scale: checkScale(init.scale ?? 1) };
  }

  /** Resumes a saved clock as if it had kept running while the process was down. */
  static restore(s: ClockSnapshot, realNow: () => number = Date.now): SimClock {
    const c = new SimClock({}, realNow);
    c.anchor = { simMs: s.simMs, realMs: s.realMs, scale: checkScale(s.scale) };
    return c;
  }

  now(): number {
    const a = this.anchor;
    return Math.floor(a.simMs + (this.realNow() - a.realMs) * a.scale);
  }

  get scale(): number {
    return this.anchor.scale;
  }

  setScale(scale: number): void {
    // Re-anchor first so the time already elapsed keeps the old speed.
    this.anchor = { simMs: this.now(), realMs: this.realNow(), scale: checkScale(scale) };
  }

  /** Jumps simulated time forward; never backward, so recorded history stays in the past. */
  advance(seconds: number): void {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new RangeError("advance needs a non-negative number of seconds");
    this.anchor = { simMs: this.now() + seconds * 1000, realMs: this.realNow(), scale: this.anchor.scale };
  }

  snapshot(): ClockSnapshot {
    return { simMs: this.now(), realMs: this.realNow(), scale: this.anchor.scale };
  }
}

function checkScale(scale: number): number {
  if (!Number.isFinite(scale) || scale < 0 || scale > MAX_TIME_SCALE) {
    throw new RangeError(`time scale must be between 0 and ${MAX_TIME_SCALE}`);
  }
  return scale;
}
