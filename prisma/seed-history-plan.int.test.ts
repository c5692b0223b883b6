// The demo history's plan: the same every time for the same instants and seed, releases only on
// weekdays inside the span (filed at 09:00, deployed at 10:00 in the zone), never two at once on a
// service, every kind of end at least once, and the hotfix after something went wrong on its service.
// (Pure; named .int.test.ts because the integration project is the one that covers prisma/.)
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { HISTORY_DAYS, planHistory } from "./seed-history-plan";

const to = new Date("2026-11-30T18:00:00Z");
const from = new Date(to.getTime() - HISTORY_DAYS * 86_400_000);
const plan = () => planHistory({ from, to, services: 4, summaries: 11, requesters: 3, seed: 42 });

describe("demo history plan", () => {
  it("is deterministic and stays on weekdays inside the span", () => {
    const waves = plan();
    expect(JSON.stringify(plan())).toBe(JSON.stringify(waves));
    for (const w of waves) {
      const deploy = DateTime.fromJSDate(w.deployAt, { zone: "Europe/Berlin" });
      expect(deploy.weekday).toBeLessThanOrEqual(5);
      expect(deploy.hour).toBe(10);
      expect(w.fileAt.getTime()).toBe(w.deployAt.getTime() - 3_600_000);
      expect(w.fileAt.getTime()).toBeGreaterThan(from.getTime());
      expect(w.deployAt.getTime()).toBeLessThan(to.getTime() - 6 * 3_600_000);
      expect(new Set(w.releases.map((r) => r.service)).size).toBe(w.releases.length);
    }
  });

  it("has every kind of end, and a hotfix that follows a failure on its own service", () => {
    const all = plan().flatMap((w) => w.releases);
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const fate of ["SUCCEEDS", "GATE_BREACH", "HOOK_FAILS", "AWS_FAILS", "ROLLED_BACK_BY_HAND"]) expect(all.map((r) => r.fate)).toContain(fate);
    const fix = all.findIndex((r) => r.hotfix);
    expect(fix).toBeGreaterThan(0);
    expect(all.slice(0, fix).some((r) => r.service === all[fix]!.service && (r.fate === "GATE_BREACH" || r.fate === "AWS_FAILS"))).toBe(true);
  });

  it("plans nothing when the span is in the future or too short", () => {
    expect(planHistory({ from: to, to, services: 4, summaries: 1, requesters: 1 })).toEqual([]);
  });
});
