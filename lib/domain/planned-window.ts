// Whether a change's planned deployment window is one it may deploy in, decided when it is
// submitted: the whole planned window must lie inside the policy's window for its risk (the same
// intervals deploy readiness checks "now" against, deploy-window.ts) and touch no declared freeze.
// Readiness still checks the real time at deploy; this stops a plan that could never be kept.
import { DateTime } from "luxon";
import { describeWindow, windowIntervals } from "./deploy-window";
import type { Policy } from "./policy";
import { RISK_LABELS, type RiskLevel } from "./vocabulary";

export interface PlannedWindow {
  risk: RiskLevel;
  start: Date;
  durationMin: number;
}

export interface FreezePeriod {
  name: string;
  startsAt: Date;
  endsAt: Date;
}

export interface PlannedWindowProblem {
  code: "OUTSIDE_WINDOW" | "FREEZE";
  message: string;
}

type WindowPolicy = Pick<Policy, "timeZone" | "businessHours" | "afterHours" | "rules">;

const when = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("cccc d LLL HH:mm");
const day = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("d LLL HH:mm");

/** Every reason the planned window is refused, empty when it may be submitted. */
export function plannedWindowProblems(policy: WindowPolicy, plan: PlannedWindow, freezes: readonly FreezePeriod[]): PlannedWindowProblem[] {
  const start = plan.start.getTime();
  const end = start + plan.durationMin * 60_000;
  const zone = policy.timeZone;
  const out: PlannedWindowProblem[] = [];
  const kind = policy.rules[plan.risk].window;
  if (kind !== "ANYTIME") {
    const windows = windowIntervals(policy, kind, plan.start, new Date(end));
    const inside = windows.some((w) => w.start.getTime() <= start && end <= w.end.getTime());
    if (!inside) {
      const holding = windows.find((w) => w.start.getTime() <= start && start < w.end.getTime());
      const why = holding
        ? `the planned window ${when(plan.start, zone)}–${DateTime.fromMillis(end, { zone }).toFormat("HH:mm")} runs past ${DateTime.fromJSDate(holding.end, { zone }).toFormat("HH:mm")}, when it closes`
        : `the planned start ${when(plan.start, zone)} ${zone} is outside it`;
      out.push({ code: "OUTSIDE_WINDOW", message: `${RISK_LABELS[plan.risk]} risk deploys only ${describeWindow(policy, kind)}; ${why}` });
    }
  }
  for (const f of freezes) {
    if (f.startsAt.getTime() < end && start < f.endsAt.getTime()) {
      out.push({ code: "FREEZE", message: `the planned window falls inside the freeze '${f.name}' (${day(f.startsAt, zone)} – ${day(f.endsAt, zone)} ${zone})` });
    }
  }
  return out;
}

/**
 * The first start at or after `from` whose window of `minutes` the policy allows for the risk, or
 * null when none within `days`: a form's default window, so it is submittable as it stands.
 */
export function nextAllowedStart(policy: WindowPolicy, risk: RiskLevel, from: Date, minutes: number, days = 14): Date | null {
  const t = from.getTime();
  const windows = windowIntervals(policy, policy.rules[risk].window, from, new Date(t + days * 86_400_000));
  const fits = windows.find((w) => Math.max(w.start.getTime(), t) + minutes * 60_000 <= w.end.getTime());
  return fits ? new Date(Math.max(fits.start.getTime(), t)) : null;
}
