// A manager links a hotfix change request to the deployment it fixes and sees the change failure
// rate move at once; the CR page names the fixed deployment; clicking the rate lands on exactly the
// failed deployments, the linked one among them.
import { createDeployment } from "../prisma/factories";
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

test("a manager links a hotfix CR to a deployment, sees the change failure rate move and opens its deployments", async ({ page, db }) => {
  const manager = await seedUser(["ENG_MANAGER"]);
  const service = await seedService(manager.id);
  const day = (d: number) => new Date(Date.now() - d * 86_400_000);
  // Five finished deployments in the last days: one rolled back (20 %), version 7 succeeded.
  const versions = ["5", "6", "7", "8", "9"];
  const ids: Record<string, string> = {};
  for (const [i, v] of versions.entries()) {
    const startedAt = day(5 - i);
    const outcome = v === "6" ? "ROLLED_BACK" : "SUCCEEDED";
    const d = await createDeployment(db, {
      serviceId: service.id,
      requesterId: manager.id,
      startedAt,
      outcome,
      toVersion: v,
      rollbackKind: outcome === "ROLLED_BACK" ? "AUTOMATIC" : null,
      issueDetectedAt: outcome === "ROLLED_BACK" ? new Date(startedAt.getTime() + 3 * 60_000) : null,
    });
    ids[v] = d.id;
  }

  await signIn(page, manager);
  await page.goto(`/metrics?service=${service.id}`);
  await expect(page.getByTestId("value-changeFailureRate")).toHaveText("20.0 %");

  // Version 7 turned out broken: the fix's change request says so.
  await page.goto("/changes/new");
  await page.getByLabel("Summary", { exact: true }).fill("Fix the checkout regression of version 7");
  await expect(page.getByLabel("Fixes deployment")).toContainText("Choose the service first");
  await page.getByLabel("Service", { exact: true }).selectOption(service.id);
  const fixes = page.getByLabel("Fixes deployment");
  await expect(fixes.locator("option", { hasText: "version 7 · succeeded · finished" })).toHaveCount(1);
  await fixes.selectOption(ids["7"]!);
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(/\/changes\/(?!new)[^/]+$/);
  const link = page.getByTestId("hotfix-for");
  await expect(link).toContainText("Version 7 (deployed without a change request), succeeded, finished");
  await page.screenshot({ path: "test-results/hotfix-cr-page.png", fullPage: true });
  await link.getByRole("link", { name: "Version 7" }).click();
  await expect(page).toHaveURL(new RegExp(`/deployments/${ids["7"]}$`));

  // The rate moves at once: the shared 30-second result is keyed by the live hotfix links.
  await page.goto(`/metrics?service=${service.id}`);
  await expect(page.getByTestId("value-changeFailureRate")).toHaveText("40.0 %");
  await expect(page.getByTestId("lead-time-coverage")).toContainText("Lead time known for");
  await page.screenshot({ path: "test-results/hotfix-metrics.png", fullPage: true });

  await page.getByTestId("value-changeFailureRate").click();
  await expect(page).toHaveURL(/rows=failure/);
  await expect(page.getByText("2 results")).toBeVisible();
  const rows = page.getByRole("table", { name: "Deployments" }).locator("tbody tr");
  const listed = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-deployment-id")));
  expect(listed.sort()).toEqual([ids["6"], ids["7"]].sort());
});

test("an emergency change filed from an incident names the deployment that caused it", async ({ page, db }) => {
  const engineer = await seedUser(["ENGINEER"]);
  const service = await seedService(engineer.id);
  const bad = await createDeployment(db, { serviceId: service.id, requesterId: engineer.id, startedAt: new Date(Date.now() - 3600_000), outcome: "SUCCEEDED", toVersion: "4" });
  const title = `Checkout 500s after version 4 ${Date.now()}`;
  await signIn(page, engineer);
  await page.getByRole("link", { name: "Incidents" }).click();
  await page.getByLabel("Severity").selectOption("SEV1");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Error rate 9 % since version 4 went out");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("link", { name: title }).click();

  const fixes = page.getByLabel("Fixes deployment");
  await expect(fixes).toContainText("Choose the service first");
  await page.getByLabel("Summary").fill("Roll forward past version 4");
  await page.getByLabel("Service").selectOption(service.id);
  await expect(fixes.locator("option", { hasText: "version 4 · succeeded · finished" })).toHaveCount(1);
  await fixes.selectOption(bad.id);
  await page.getByLabel("Version to deploy").fill("3");
  await page.getByLabel("Rollback plan").fill("Shift the alias back to version 1");
  await page.getByRole("button", { name: "Create emergency change" }).click();
  await expect(page.getByRole("heading", { name: "Roll forward past version 4" })).toBeVisible();
  await expect(page.getByTestId("hotfix-for")).toContainText("Version 4 (deployed without a change request), succeeded");
});
