// The hotfix link captured where it happens: the CR form's service, the emergency form and the CI
// API each save "fixes deployment …" on the CR, refuse a deployment that cannot be fixed by it with a
// message on the field (writing nothing), and the change failure rate then counts that deployment.
import { beforeAll, describe, expect, it } from "vitest";
import { refusal, seedActor } from "@/test/actors";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/server/api-tokens";
import { changeFormValues, createDeployment, createService } from "@/prisma/factories";
import { POST as createCr } from "@/app/api/v1/changes/route";
import { createChange } from "./create-change";
import { createEmergencyChange } from "./create-emergency-change";
import { deliveryMetricsSql } from "./delivery-metrics-sql";
import { hotfixChoices } from "./hotfix-link";
import { declareIncident } from "./incidents";
import { updateChange } from "./update-change";

let engineer: Actor;
let serviceId: string, otherServiceId: string;
let token: { plain: string };
const period = { from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-09T00:00:00Z") };
const at = (s: string) => new Date(s);

const ci = (body: unknown) =>
  createCr(
    new Request("http://localhost/api/v1/changes", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token.plain}` }, body: JSON.stringify(body) }),
    { params: Promise.resolve({} as Record<string, never>) },
  );

beforeAll(async () => {
  engineer = await seedActor(["ENGINEER"]);
  const admin = await seedActor(["ADMIN"]);
  serviceId = (await createService(db, { onCallUserId: engineer.id })).id;
  otherServiceId = (await createService(db, { onCallUserId: engineer.id })).id;
  token = await createApiToken(admin, { name: "pipeline-hotfix", serviceIds: [serviceId] });
});

const cfr = async () => (await deliveryMetricsSql({ period, timeZone: "UTC", scope: { serviceId } })).metrics.changeFailureRate;

describe("hotfix link", () => {
  it("the form's service saves the link; the deployment then counts as a change failure; an edit can remove it", async () => {
    const bad = await createDeployment(db, { serviceId, startedAt: at("2026-03-03T10:00:00Z"), toVersion: "5" });
    await createDeployment(db, { serviceId, startedAt: at("2026-03-04T10:00:00Z"), toVersion: "6" });
    expect((await cfr()).value).toBe(0);
    const cr = await createChange(engineer, changeFormValues({ serviceId, onCallUserId: engineer.id }, { hotfixForDeploymentId: bad.id }), { submit: false });
    expect(cr.hotfixForDeploymentId).toBe(bad.id);
    // 1 of the 2 deployments of the week needed a hotfix.
    expect((await cfr()).value).toBe(0.5);
    const edited = await updateChange(engineer, { ...changeFormValues({ serviceId, onCallUserId: engineer.id }, { hotfixForDeploymentId: "" }), id: cr.id, version: cr.version });
    expect(edited.hotfixForDeploymentId).toBeNull();
    expect((await cfr()).value).toBe(0);
    // The form lists the service's finished deployments with version and outcome.
    const choices = await hotfixChoices("UTC");
    expect(choices[serviceId]?.map((c) => c.label)).toEqual(["no change request · version 6 · succeeded · finished 2026-03-04 10:10", "no change request · version 5 · succeeded · finished 2026-03-03 10:10"]);
  });

  it("the form refuses an unknown deployment, another service's, a rollback row and a running one, writing nothing", async () => {
    const other = await createDeployment(db, { serviceId: otherServiceId, startedAt: at("2026-03-03T10:00:00Z") });
    const rollback = await createDeployment(db, { serviceId, kind: "ROLLBACK", startedAt: at("2026-03-03T11:00:00Z") });
    const running = await createDeployment(db, { serviceId, startedAt: at("2026-03-03T12:00:00Z"), outcome: null });
    const before = await db.changeRequest.count();
    for (const [id, words] of [["nope", /Unknown deployment/], [other.id, /another service/], [rollback.id, /rollback/], [running.id, /still running/]] as const) {
      const e = await refusal(createChange(engineer, changeFormValues({ serviceId, onCallUserId: engineer.id }, { hotfixForDeploymentId: id }), { submit: false }), "VALIDATION");
      expect(e.fields?.hotfixForDeploymentId).toMatch(words);
    }
    expect(await db.changeRequest.count()).toBe(before);
  });

  it("the CI API takes fixesDeploymentId; an unknown id or another service's deployment is a 400 naming the field", async () => {
    const bad = await createDeployment(db, { serviceId, startedAt: at("2026-03-05T22:50:00Z"), finishedAt: at("2026-03-06T00:20:00Z"), outcome: "FAILED", toVersion: "8" });
    const other = await createDeployment(db, { serviceId: otherServiceId, startedAt: at("2026-03-05T10:00:00Z") });
    const values = { ...changeFormValues({ serviceId, onCallUserId: engineer.id }, { risk: "LOW", targetVersion: "9" }), implementationSteps: ["Deploy"] };
    const before = await db.changeRequest.count();
    for (const [id, words] of [["missing-id", /Unknown deployment/], [other.id, /another service/], [42, /must be a deployment id/]] as const) {
      const res = await ci({ ...values, fixesDeploymentId: id });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(body.error.code).toBe("VALIDATION");
      expect(body.error.fields.fixesDeploymentId).toMatch(words);
    }
    expect(await db.changeRequest.count()).toBe(before);
    const res = await ci({ ...values, fixesDeploymentId: bad.id });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id } })).hotfixForDeploymentId).toBe(bad.id);
    // A FAILED deployment is a change failure only with a hotfix linked: now it is.
    const m = (await deliveryMetricsSql({ period, timeZone: "UTC", scope: { serviceId } })).metrics;
    expect(m.totals.failures).toBe(1);
  });

  it("an emergency change filed for an incident names the deployment that caused it", async () => {
    const cause = await createDeployment(db, { serviceId, startedAt: at("2026-03-07T09:00:00Z"), toVersion: "10" });
    const incident = await declareIncident(engineer, { severity: "SEV1", title: "Checkout returns 500s", description: "since version 10" });
    const base = { incidentId: incident.id, summary: "Roll forward checkout fix", serviceId, targetVersion: "11", risk: "HIGH", rollbackPlan: "Shift alias back to 9" };
    const e = await refusal(createEmergencyChange(engineer, { ...base, hotfixForDeploymentId: "nope" }), "VALIDATION");
    expect(e.fields?.hotfixForDeploymentId).toMatch(/Unknown deployment/);
    const cr = await createEmergencyChange(engineer, { ...base, hotfixForDeploymentId: cause.id });
    expect(cr.hotfixForDeploymentId).toBe(cause.id);
  });
});
