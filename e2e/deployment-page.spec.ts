// The deployment page (issue 13): charts with the gate's limits and the old version beside the new,
// the progress card titled "Live progress" only while running, and a rollback on the page itself for
// those the production gate allows (the requester here), through the same confirmation and service
// as the service page. The deployment runs for real against the AWS sandbox and the deploy worker.
import type { Page } from "@playwright/test";
import { SandboxControlClient } from "../lib/sandbox/control-client";
import { createReadyChange, createService } from "../prisma/factories";
import { expect, seedUser, signIn, test } from "./fixtures";
import { scaled } from "../test/timeouts";

const sandbox = new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL ?? "http://127.0.0.1:4660");

const shoot = async (page: Page, name: string) => {
  for (const [w, h] of [[1366, 768], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `test-results/deployment-page/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
};

test("a canary deployment charts old beside new against the gate's limits, then its requester rolls it back from its page", async ({ page, browser, db }) => {
  test.setTimeout(scaled(150_000));
  const requester = await seedUser(["ENGINEER"]);
  const name = `dp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await sandbox.createFunction({ name, versions: 4, alias: "live", aliasVersion: "2", requestRate: 30 });
  const service = await createService(db, { functionName: name, alias: "live", name: `svc-${name}` });
  await db.service.update({ where: { id: service.id }, data: { gateRules: { validation: { minutes: 1 } } } });
  const cr = await createReadyChange(db, { serviceId: service.id, requesterId: requester.id, targetVersion: "3", strategy: "Canary10Percent5Minutes", summary: `Ship ${name} v3` });
  await signIn(page, requester);
  await page.goto(`/changes/${cr.id}`);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await page.waitForURL(/\/deployments\//);
  const deploymentUrl = page.url();

  await expect(page.getByRole("heading", { name: "Live progress" })).toBeVisible();
  const charts = page.getByRole("group", { name: "Gate readings" });
  await expect(charts.getByText("Old version 2").first()).toBeVisible({ timeout: scaled(60_000) });
  await expect(charts.getByText("New version 3").first()).toBeVisible();
  await expect(charts.getByText("Gate limit 0.1 %")).toBeVisible();
  await expect(page.getByText(/sandbox time/)).toHaveCount(0);
  await shoot(page, "running");

  await expect(page.getByTestId("deployment-state")).toHaveText("Succeeded", { timeout: scaled(60_000) });
  await expect(page.getByRole("heading", { name: "Result" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Live progress" })).toHaveCount(0);

  // Someone the gate does not allow sees no rollback on the page, and is told who may.
  const other = await browser.newPage();
  await signIn(other, await seedUser(["ENGINEER"]));
  await other.goto(deploymentUrl);
  await expect(other.getByText("Rolling back is limited to the requester of the change the alias serves")).toBeVisible();
  await expect(other.getByRole("button", { name: /^Roll back to/ })).toHaveCount(0);
  await other.close();

  // The requester rolls back from the deployment page.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Result" })).toBeVisible();
  await shoot(page, "finished");
  await page.getByRole("button", { name: "Roll back to 2" }).click();
  const form = page.getByRole("form", { name: "Confirm rollback" });
  await form.getByLabel("Reason").fill("Errors rose on version 3");
  await form.getByLabel("Alias name").fill("live");
  await form.getByRole("button", { name: "Roll back now" }).click();
  // The form's own "now serves version 2" lasts only until the page refreshes: then the offer is gone
  // (version 3 is no longer live) and the page says so for good, linking the rollback.
  await expect(page.getByText("Version 3 was rolled back to version 2.")).toBeVisible();
  const rollback = await db.deployment.findFirstOrThrow({ where: { crId: cr.id, kind: "ROLLBACK" } });
  expect(rollback).toMatchObject({ fromVersion: "3", toVersion: "2", state: "SUCCEEDED", startedById: requester.id, reason: "Errors rose on version 3" });
  await expect(page.getByRole("button", { name: /^Roll back to/ })).toHaveCount(0);
  await page.getByRole("link", { name: "See the rollback" }).first().click();
  await expect(page.getByRole("heading", { name: /Rollback of/ })).toBeVisible();
});
