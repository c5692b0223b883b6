// The demo history obeys the rules a real deployment would: a breach inside its deployment's time,
// a plan and timeline that match the strategy, CRs linked only when they reached that outcome, and a
// live hotfix CR naming a failed deployment of its own service.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { buildTrafficPlan } from "@/lib/domain/traffic-plan";
import type { CrState } from "@/generated/prisma/client";
import { createChange } from "@/lib/server/create-change";
import { changeFormValues, createService, createUser } from "./factories";
import { seedDeployments } from "./seed-deployments";

const NOW = new Date("2026-03-01T12:00:00Z");

beforeAll(async () => {
  const user = await createUser(db, { roles: ["ENGINEER"] });
  const actor = { id: user.id, name: user.name, email: user.email, roles: user.roles };
  const services = [await createService(db), await createService(db)];
  // CRs in every state the demo seeds, on both services.
  const states: CrState[] = ["DRAFT", "APPROVED", "DEPLOYED", "ROLLED_BACK", "FAILED", "CLOSED", "CANCELLED", "DEPLOYED", "FAILED"];
  for (const [i, state] of states.entries()) {
    const service = services[i % 2]!;
    const cr = await createChange(actor, changeFormValues({ serviceId: service.id, onCallUserId: user.id }), { submit: false });
    await db.changeRequest.update({ where: { id: cr.id }, data: { state } });
  }
  await seedDeployments(db, services, [user.id], NOW);
});

describe("demo deployments", () => {
  it("detect breaches while the deployment ran, and plan and shift traffic as their strategy does", async () => {
    const deps = await db.deployment.findMany({ include: { events: { orderBy: { at: "asc" } } } });
    expect(deps.length).toBeGreaterThan(90);
    for (const d of deps) {
      if (d.issueDetectedAt) {
        expect(d.issueDetectedAt.getTime()).toBeGreaterThan(d.startedAt.getTime());
        expect(d.issueDetectedAt.getTime()).toBeLessThanOrEqual(d.finishedAt!.getTime());
      }
      const steps = buildTrafficPlan(d.strategy).steps;
      expect(d.plan).toEqual(steps);
      const shift = d.events.find((e) => e.kind === "traffic")!;
      expect(shift.message).toBe(steps[0]!.weight === 1 ? "Shifted all traffic to the new version" : `Shifted ${steps[0]!.weight * 100} % of traffic to the new version`);
      for (const e of d.events) expect(e.at.getTime()).toBeLessThanOrEqual(d.finishedAt!.getTime());
    }
  });

  it("link a deployment only to a CR that reached its outcome, each CR once, and a live hotfix to a failure of its service", async () => {
    const linked = await db.deployment.findMany({ where: { crId: { not: null } }, include: { cr: true } });
    expect(linked.length).toBeGreaterThan(0);
    const expected: Record<string, string> = { DEPLOYED: "SUCCEEDED", CLOSED: "SUCCEEDED", ROLLED_BACK: "ROLLED_BACK", FAILED: "FAILED" };
    for (const d of linked) {
      expect(expected[d.cr!.state]).toBe(d.outcome);
      expect(d.cr!.serviceId).toBe(d.serviceId);
    }
    expect(new Set(linked.map((d) => d.crId)).size).toBe(linked.length);
    const hotfix = await db.changeRequest.findFirst({ where: { hotfixForDeploymentId: { not: null } }, include: { hotfixFor: true } });
    if (hotfix) {
      expect(["CANCELLED", "REJECTED"]).not.toContain(hotfix.state);
      expect(hotfix.hotfixFor!.outcome).toBe("FAILED");
      expect(hotfix.hotfixFor!.serviceId).toBe(hotfix.serviceId);
    }
  });
});
