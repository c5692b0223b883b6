// Demo delivery history: about three months of deployments on the demo services, with timelines,
// varied outcomes (some rolled back automatically by a gate breach, some manually), commit times
// for lead time, and a hotfix CR linked to a failed deployment — so the history and the dashboard
// have something to show right after `npm start`. Deterministic (seeded generator), relative to now.
// It obeys the rules the services enforce: each plan is the strategy's own (buildTrafficPlan) and
// the timeline shifts traffic as that plan does; a breach lies between the deployment's start and
// its finish; a deployment names a change request only when that CR reached a deployed state with
// the same outcome; the hotfix CR is live (not cancelled) and fixes a deployment of its own service.
import type { CrState, Prisma, PrismaClient } from "@/generated/prisma/client";
import { buildTrafficPlan, planDurationSeconds } from "@/lib/domain/traffic-plan";

const DAYS = 90;
/** Which deployment outcome a CR in this state had. */
const CR_FOR_OUTCOME_STATE: Partial<Record<CrState, "SUCCEEDED" | "FAILED" | "ROLLED_BACK">> = {
  DEPLOYED: "SUCCEEDED",
  CLOSED: "SUCCEEDED",
  ROLLED_BACK: "ROLLED_BACK",
  FAILED: "FAILED",
};
const STRATEGIES = ["Canary10Percent5Minutes", "Linear10PercentEvery1Minute", "BLUE_GREEN", "AllAtOnce", "Canary10Percent10Minutes"];

function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

export async function seedDeployments(
  db: PrismaClient,
  services: readonly { id: string; awsRegion: string; functionName: string; alias: string }[],
  requesterIds: readonly string[],
  now = new Date(),
): Promise<number> {
  const rand = generator(42);
  const crs = await db.changeRequest.findMany({ select: { id: true, serviceId: true, state: true }, orderBy: { createdAt: "asc" } });
  // A CR that reached a deployed state is linked to one deployment of its service with that outcome.
  const unlinked = crs.filter((c) => c.state in CR_FOR_OUTCOME_STATE);
  const versions = new Map<string, number>();
  const deployments: (Prisma.DeploymentCreateManyInput & { id: string })[] = [];
  const events: Prisma.DeploymentEventCreateManyInput[] = [];
  for (let day = DAYS; day >= 1; day--) {
    const perDay = 1 + Math.floor(rand() * 4);
    for (let k = 0; k < perDay; k++) {
      const svc = services[Math.floor(rand() * services.length)]!;
      const from = versions.get(svc.id) ?? 1;
      const startedAt = new Date(now.getTime() - day * 86_400_000 + Math.floor(rand() * 20) * 3_600_000);
      const strategy = STRATEGIES[Math.floor(rand() * STRATEGIES.length)]!;
      const steps = buildTrafficPlan(strategy).steps;
      const planMinutes = Math.ceil(planDurationSeconds({ steps }) / 60);
      const minutes = 4 + Math.floor(rand() * 30);
      const roll = rand();
      const outcome: "SUCCEEDED" | "FAILED" | "ROLLED_BACK" = roll < 0.86 ? "SUCCEEDED" : roll < 0.91 ? "FAILED" : "ROLLED_BACK";
      // A success holds every step of its plan; a failure or rollback ends early.
      const finishedAt = new Date(startedAt.getTime() + (outcome === "SUCCEEDED" ? planMinutes + minutes : minutes) * 60_000);
      const rollbackKind = outcome === "ROLLED_BACK" ? (rand() < 0.6 ? "AUTOMATIC" : "MANUAL") : null;
      const reason =
        outcome === "FAILED"
          ? "Alias update rejected: version not published"
          : rollbackKind === "AUTOMATIC"
            ? "Gate breach: error rate 0.8 % above 0.1 %"
            : rollbackKind === "MANUAL"
              ? "Rolled back by the on-call engineer: checkout latency complaints"
              : null;
      // Detected while the deployment ran: at least a minute after it started, a minute before it ended.
      const detectedMin = outcome === "ROLLED_BACK" ? 1 + Math.floor(rand() * (minutes - 2)) : null;
      const issueDetectedAt = detectedMin === null ? null : new Date(startedAt.getTime() + detectedMin * 60_000);
      const id = `demo-dep-${day}-${k}`;
      const crIndex = unlinked.findIndex((c) => c.serviceId === svc.id && CR_FOR_OUTCOME_STATE[c.state] === outcome);
      const cr = crIndex >= 0 ? unlinked.splice(crIndex, 1)[0] : undefined;
      const to = outcome === "SUCCEEDED" ? from + 1 : from;
      if (outcome === "SUCCEEDED") versions.set(svc.id, to);
      deployments.push({
        id,
        crId: cr?.id ?? null,
        serviceId: svc.id,
        awsRegion: svc.awsRegion,
        functionName: svc.functionName,
        alias: svc.alias,
        fromVersion: String(from),
        toVersion: String(from + 1),
        strategy,
        plan: steps as object,
        state: outcome,
        outcome,
        currentWeight: outcome === "SUCCEEDED" ? 1 : 0,
        rollbackKind,
        reason,
        issueDetectedAt,
        requesterId: requesterIds[Math.floor(rand() * requesterIds.length)] ?? null,
        commitSha: Math.floor(rand() * 0xffffffff).toString(16).padStart(8, "0") + "c0ffee",
        commitTime: new Date(startedAt.getTime() - Math.floor(rand() * 30) * 3_600_000),
        startedAt,
        finishedAt,
      });
      const at = (min: number) => new Date(startedAt.getTime() + min * 60_000);
      // The plan's first shift (10 % for canary and linear; everything at once otherwise), a reading
      // before any breach, then the end.
      const first = steps[0]!;
      events.push(
        { deploymentId: id, at: at(0), kind: "started", message: `Deployment of version ${from + 1} started` },
        {
          deploymentId: id,
          at: at(0.5),
          kind: "traffic",
          message: first.weight === 1 ? "Shifted all traffic to the new version" : `Shifted ${Math.round(first.weight * 100)} % of traffic to the new version`,
          data: { weight: first.weight },
        },
        { deploymentId: id, at: at(Math.min(minutes / 2, (detectedMin ?? minutes) - 0.25)), kind: "gate-reading", message: "Gate reading within limits", data: { errorRate: 0.0004, p99Ms: 420 } },
      );
      if (outcome === "SUCCEEDED") events.push({ deploymentId: id, at: finishedAt, kind: "succeeded", message: "All traffic on the new version" });
      if (outcome === "FAILED") events.push({ deploymentId: id, at: finishedAt, kind: "failed", message: reason ?? "Failed" });
      if (issueDetectedAt) {
        events.push(
          { deploymentId: id, at: issueDetectedAt, kind: rollbackKind === "AUTOMATIC" ? "gate-breach" : "rollback-requested", message: reason ?? "Rollback" },
          { deploymentId: id, at: finishedAt, kind: "rolled-back", message: `Alias back on version ${from}` },
        );
      }
    }
  }
  await db.deployment.createMany({ data: deployments });
  await db.deploymentEvent.createMany({ data: events });
  // A live hotfix CR names a failed deployment of its own service: it counts as a change failure.
  const hotfixCr = crs.find((c) => c.state === "APPROVED" || c.state === "SCHEDULED");
  const failed = deployments.find((d) => d.outcome === "FAILED" && d.serviceId === hotfixCr?.serviceId);
  if (failed && hotfixCr) await db.changeRequest.update({ where: { id: hotfixCr.id }, data: { hotfixForDeploymentId: failed.id } });
  return deployments.length;
}
