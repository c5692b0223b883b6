// What the demo's delivery history will be (pure, seeded): on weekdays between two instants, a few
// releases at once on different services, each with its risk, strategy and fate. seed-history.ts
// then makes each one happen through the services and the orchestrator; nothing here writes.
import { DateTime } from "luxon";
import type { StrategyName } from "@/lib/domain/traffic-plan";

/** What happens to a release: the orchestrator decides all but the last, which a person does afterwards. */
export type Fate = "SUCCEEDS" | "GATE_BREACH" | "HOOK_FAILS" | "AWS_FAILS" | "ROLLED_BACK_BY_HAND";

export interface PlannedRelease {
  service: number;
  risk: "LOW" | "MEDIUM";
  strategy: StrategyName;
  fate: Fate;
  summary: number;
  requester: number;
  /** Hours between the commit and the CR's submission (lead time). */
  commitHoursBefore: number;
  /** Names the last failed or rolled-back deployment of its service as the one it fixes. */
  hotfix: boolean;
}

export interface Wave {
  /** When the CRs are filed and approved (09:00 in the zone). */
  fileAt: Date;
  /** Their planned window, and when they deploy (10:00). */
  deployAt: Date;
  releases: PlannedRelease[];
}

/** How far back the history goes: where `npm start` and `npm run db:seed` start a fresh sandbox clock. */
export const HISTORY_DAYS = 56;

export const HISTORY_STRATEGIES: StrategyName[] = ["Canary10Percent5Minutes", "Linear10PercentEvery1Minute", "AllAtOnce", "Canary10Percent10Minutes", "BLUE_GREEN"];

function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

function fate(r: number): Fate {
  return r < 0.84 ? "SUCCEEDS" : r < 0.91 ? "GATE_BREACH" : r < 0.94 ? "HOOK_FAILS" : r < 0.96 ? "AWS_FAILS" : "ROLLED_BACK_BY_HAND";
}

export function planHistory(opts: { from: Date; to: Date; services: number; summaries: number; requesters: number; seed?: number; zone?: string; perWeekday?: number }): Wave[] {
  const rand = generator(opts.seed ?? 42);
  const zone = opts.zone ?? "Europe/Berlin";
  const waves: Wave[] = [];
  // The first working day after `from`, up to the last one whose releases are over before `to`.
  let day = DateTime.fromJSDate(opts.from, { zone }).plus({ days: 1 }).startOf("day");
  const last = DateTime.fromJSDate(opts.to, { zone }).minus({ hours: 6 });
  while (day.set({ hour: 14 }) < last) {
    if (day.weekday <= 5 && rand() < (opts.perWeekday ?? 0.7)) {
      const count = 1 + Math.floor(rand() * Math.min(3, opts.services));
      const offset = Math.floor(rand() * opts.services);
      const releases: PlannedRelease[] = [];
      for (let k = 0; k < count; k++) {
        releases.push({
          service: (offset + k) % opts.services,
          risk: rand() < 0.7 ? "LOW" : "MEDIUM",
          strategy: HISTORY_STRATEGIES[Math.floor(rand() * HISTORY_STRATEGIES.length)]!,
          fate: fate(rand()),
          summary: Math.floor(rand() * opts.summaries),
          requester: Math.floor(rand() * opts.requesters),
          commitHoursBefore: 1 + Math.floor(rand() * 40),
          hotfix: false,
        });
      }
      waves.push({ fileAt: day.set({ hour: 9 }).toJSDate(), deployAt: day.set({ hour: 10 }).toJSDate(), releases });
    }
    day = day.plus({ days: 1 });
  }
  const all = waves.flatMap((w) => w.releases);
  // Every kind of end at least once, whatever the dice said (the history page and charts show each).
  const fates: Fate[] = ["GATE_BREACH", "HOOK_FAILS", "AWS_FAILS", "ROLLED_BACK_BY_HAND"];
  fates.forEach((f, i) => {
    const at = Math.floor(((i + 1) * all.length) / (fates.length + 1));
    if (!all.some((r) => r.fate === f) && all[at]) all[at].fate = f;
  });
  // The release after the first one that went wrong on its service is its hotfix.
  const firstBad = all.findIndex((r) => r.fate === "AWS_FAILS" || r.fate === "GATE_BREACH");
  const fix = all.findIndex((r, i) => i > firstBad && r.service === all[firstBad]?.service);
  if (firstBad >= 0 && fix >= 0) all[fix]!.hotfix = true;
  return waves;
}
