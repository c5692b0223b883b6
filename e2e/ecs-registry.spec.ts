// ECS services in the registry and in the CR form, against the e2e sandbox's demo ECS services
// (cluster demo: orders-api on revision 2 of 3 at 10 tasks, inventory-api on 1 of 2 at 4 tasks).
import { createDeployment } from "../prisma/factories";
import { fillTemplateExtras } from "./cr-template";
import { expect, seedUser, signIn, test } from "./fixtures";

test("an admin registers an ECS service with its rolling-update configuration; a configuration ECS would refuse is named", async ({ page }) => {
  const admin = await seedUser(["ADMIN"]);
  await signIn(page, admin);
  await page.goto("/admin/services");
  const form = page.getByRole("form", { name: "Register a service" });
  await form.getByLabel("Runs on").selectOption("ECS");
  await form.getByLabel("Service name", { exact: true }).fill(`inventory-${Date.now().toString(36)}`);
  await form.getByLabel("Owner team").fill("Fulfilment");
  await form.getByLabel("Cluster").fill("demo");
  await form.getByLabel("ECS service name").fill("inventory-api");
  // The seed's defaults are filled in; 100 %/100 % at its 4 tasks could never move, and says so.
  await expect(form.getByLabel("Maximum percent")).toHaveValue("150");
  await form.getByLabel("Maximum percent").fill("100");
  await form.getByRole("button", { name: "Register" }).click();
  await expect(form.getByText(/At 4 desired tasks, maximumPercent 100 allows 4 task\(s\).*could never move/)).toBeVisible();
  await page.screenshot({ path: "test-results/ecs-admin-refused.png" });

  await form.getByLabel("Maximum percent").fill("150");
  await form.getByRole("button", { name: "Register" }).click();
  await expect(form.getByText("Service registered.")).toBeVisible();
  await expect(page.getByText("demo/inventory-api · known-good at registration: inventory-api:1")).toBeVisible();
  await page.screenshot({ path: "test-results/ecs-admin-services.png", fullPage: true });
});

test("an engineer files a CR for an ECS service: a task definition revision of its family, rolling update", async ({ page, db }) => {
  const engineer = await seedUser(["ENGINEER"]);
  const team = await db.team.create({ data: { name: `orders-${Date.now()}` } });
  const service = await db.service.create({
    data: { name: `orders-${Date.now().toString(36)}`, kind: "ECS", teamId: team.id, awsRegion: "us-east-1", functionName: "orders-api", alias: "demo", baselineVersion: "orders-api:2", targetGroup: "targetgroup/orders-api/0" },
  });
  await signIn(page, engineer);
  await page.goto("/changes/new");
  await page.getByLabel("Summary").fill("Roll orders-api forward to revision 3");
  await page.getByLabel("Users affected").fill("None (transparent change)");
  await page.getByLabel("Rollback plan").fill("Abort: ECS rolls back to orders-api:2");
  await page.getByLabel("Step 1", { exact: true }).fill("Rolling update, 5 tasks at a time");
  await fillTemplateExtras(page);
  await page.getByLabel("Commands or steps to undo the change").fill("aws ecs update-service --cluster demo --service orders-api --task-definition orders-api:2");
  await page.getByLabel("On-call engineer").selectOption(engineer.id);
  await page.getByLabel("Service", { exact: true }).selectOption(service.id);

  const revision = page.getByLabel("Task definition revision");
  await expect(revision.locator("option")).toHaveText(["Choose a revision…", "orders-api:3", "orders-api:2 (running now)", "orders-api:1"]);
  await expect(page.getByText("ECS cannot pause a rolling update")).toBeVisible();
  await revision.selectOption("orders-api:3");
  await page.locator("section").filter({ has: page.getByRole("heading", { name: "Deploy target" }) }).screenshot({ path: "test-results/ecs-change-form.png" });

  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByRole("heading", { name: "Roll orders-api forward to revision 3" })).toBeVisible();
  const cr = await db.changeRequest.findFirstOrThrow({ where: { serviceId: service.id } });
  expect(cr).toMatchObject({ targetVersion: "orders-api:3", strategy: "ROLLING", targetCodeSha256: "taskdef:arn:aws:ecs:us-east-1:000000000000:task-definition/orders-api:3" });
});

test("a finished ECS deployment's page shows the task counts as they moved and the circuit breaker against its threshold", async ({ page, db }) => {
  const sre = await seedUser(["SRE"]);
  const team = await db.team.create({ data: { name: `shop-${Date.now()}` } });
  const service = await db.service.create({
    data: {
      name: `shop-${Date.now().toString(36)}`, kind: "ECS", teamId: team.id, awsRegion: "us-east-1", functionName: "shop-api", alias: "e2e-cluster",
      ecsConfig: { maximumPercent: 150, minimumHealthyPercent: 100, circuitBreaker: { enable: true, rollback: true }, healthCheckGracePeriodSeconds: 60 },
    },
  });
  const t0 = Date.now() - 10 * 60_000;
  const tick = (s: number, running: number, pending: number, old: number, failures: number, rolloutState = "IN_PROGRESS") => ({
    at: new Date(t0 + s * 1000),
    kind: "ECS_PROGRESS",
    message: "tick",
    data: {
      primary: { taskDefinition: "arn:aws:ecs:us-east-1:000000000000:task-definition/shop-api:4", running, pending, failed: failures, desired: 10, rolloutState },
      previous: { taskDefinition: "arn:aws:ecs:us-east-1:000000000000:task-definition/shop-api:3", running: old },
      circuitBreaker: { failures, threshold: 5 },
      events: [{ createdAt: new Date(t0 + s * 1000).toISOString(), message: "(service shop-api) has started 5 tasks: (task a1) (task a2) (task a3) (task a4) (task a5)." }],
    },
  });
  const d = await createDeployment(db, {
    serviceId: service.id, fromVersion: "shop-api:3", toVersion: "shop-api:4", strategy: "ROLLING", startedAt: new Date(t0), outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC",
    reason: "ECS deployment circuit breaker: tasks failed to start; rolled back to shop-api:3",
    events: [{ at: new Date(t0), kind: "STARTED", message: "started the rolling update to shop-api:4" }, tick(5, 0, 5, 10, 0), tick(30, 3, 0, 10, 2), tick(35, 3, 2, 10, 2), tick(60, 3, 0, 10, 5, "FAILED")],
  });
  await signIn(page, sre);
  await page.goto(`/deployments/${d.id}`);
  await expect(page.getByTestId("ecs-progress")).toBeVisible();
  await expect(page.getByText("so ECS starts up to 5 tasks of the new revision at once")).toBeVisible();
  await expect(page.getByTestId("ecs-now")).toHaveText("10 × shop-api:3 + 3 × shop-api:4");
  await expect(page.getByTestId("ecs-breaker")).toHaveText("5 / 5 failed tasks — tripped, ECS rolls back");
  await expect(page.getByRole("button", { name: "Pause" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/ecs-live-progress.png", fullPage: true });
});
