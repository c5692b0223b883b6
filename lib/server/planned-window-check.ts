import "server-only";
// Submitting checks the planned window (plannedWindowProblems): against the policy in force for the
// change's risk and the freezes declared over it. Runs before anything is written, so a refusal
// leaves the change as it was (a draft stays a draft, a new one is not created).
import { db } from "@/lib/db";
import { plannedWindowProblems, type PlannedWindow } from "@/lib/domain/planned-window";
import type { Policy } from "@/lib/domain/policy";
import { AppError } from "@/lib/errors";

export async function assertPlannedWindowAllowed(policy: Policy, plan: PlannedWindow): Promise<void> {
  const end = new Date(plan.start.getTime() + plan.durationMin * 60_000);
  const freezes = await db.freezeWindow.findMany({
    where: { startsAt: { lt: end }, endsAt: { gt: plan.start } },
    orderBy: { startsAt: "asc" },
    select: { name: true, startsAt: true, endsAt: true },
  });
  const problems = plannedWindowProblems(policy, plan, freezes);
  if (problems.length === 0) return;
  const text = problems.map((p) => p.message).join("; ");
  throw new AppError("VALIDATION", `Cannot submit: ${text}. Move the planned window${problems.some((p) => p.code === "OUTSIDE_WINDOW") ? " or change the risk level" : ""}.`, {
    fields: { windowStart: text.charAt(0).toUpperCase() + text.slice(1) },
    details: { problems },
  });
}
