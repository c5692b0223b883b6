// Manual rollback from the service page: only back to a known-good version (live on the alias with a
// successful deployment, or the baseline at registration), by the requester of the change the alias
// serves, its on-call engineer, an SRE or an admin, with a reason; the change moves to Rolled back.
// The deployed state is made for real: the change is deployed through its page (AllAtOnce) against
// the AWS sandbox and the deploy worker.
import type { Page } from "@playwright/test";
import { SandboxControlClient } from "../lib/sandbox/control-client";
import { createReadyChange, createService } from "../prisma/factories";
import { expect, seedUser, signIn, signOut, test, type SeededUser } from "./fixtures";
import { scaled } from "../test/timeouts";

const sandbox = new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL ?? "http://127.0.0.1:4660");

/** Versions 1–5; the alias serves 2 at registration (its baseline); the change ships 3. */
async function deployedTarget(page: Page, db: Parameters<typeof createService>[0], requester: SeededUser) {
  const name = `rb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await sandbox.createFunction({ name, versions: 5, alias: "live", aliasVersion: "2", requestRate: 20 });
  const service = await createService(db, { functionName: name, alias: "live", name: `svc-${name}` });
  await db.service.update({ where: { id: service.id }, data: { gateRules: { validation: { minutes: 1 } } } });
  const cr = await createReadyChange(db, { serviceId: service.id, requesterId: requester.id, targetVersion: "3", strategy: "AllAtOnce", summary: `Ship ${name} v3` });
  await signIn(page, requester);
  await page.goto(`/changes/${cr.id}`);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await page.waitForURL(/\/deployments\//);
  await expect(page.getByTestId("deployment-state")).toHaveText("Succeeded", { timeout: scaled(45_000) });
  return { service, cr };
}

test("the service page offers a rollback only to known-good versions, and only to those who may roll back", async ({ page, db }) => {
  test.setTimeout(scaled(120_000));
  const requester = await seedUser(["ENGINEER"]);
  const { service, cr } = await deployedTarget(page, db, requester);
  await page.goto(`/services/${service.id}`);
  const row = (v: string) => page.getByTestId(`version-${v}`);
  await expect(row("3")).toContainText("live 100 %");
  await expect(row("3")).toContainText(`deployed by ${cr.number}`);
  await expect(row("2")).toContainText("live when the service was registered");
  await expect(row("2").getByRole("button", { name: "Roll back to 2" })).toBeVisible();
  // The live version is not a rollback target; 4 and 5 are newer and no change shipped them; 1 was never live.
  await expect(page.getByRole("button", { name: /^Roll back to/ })).toHaveCount(1);
  for (const v of ["1", "4", "5"]) await expect(row(v)).not.toContainText("known good", { ignoreCase: true });
  await expect(page.getByText(`moves ${cr.number} to Rolled back`)).toBeVisible();
  await page.screenshot({ path: "test-results/rollback-service-page.png", fullPage: true });

  // An engineer who neither requested the change nor is on call sees no rollback, and is told who may.
  await signOut(page);
  const stranger = await seedUser(["ENGINEER"]);
  await signIn(page, stranger);
  await page.goto(`/services/${service.id}`);
  await expect(row("2")).toContainText("live when the service was registered");
  await expect(page.getByRole("button", { name: /^Roll back to/ })).toHaveCount(0);
  await expect(page.getByText("Rolling back is limited to the requester of the change the alias serves, the service's on-call engineer, SREs and admins.")).toBeVisible();
});

test("the requester rolls their deployed change back with a reason; the change shows Rolled back and why", async ({ page, db }) => {
  test.setTimeout(scaled(120_000));
  const requester = await seedUser(["ENGINEER"]);
  const { service, cr } = await deployedTarget(page, db, requester);
  await page.goto(`/services/${service.id}`);
  await page.getByTestId("version-2").getByRole("button", { name: "Roll back to 2" }).click();
  const form = page.getByRole("form", { name: "Confirm rollback" });
  const confirm = form.getByRole("button", { name: "Roll back now" });
  await expect(confirm).toBeDisabled();
  await form.getByLabel("Reason").fill("Checkout latency doubled since version 3");
  await form.getByLabel("Alias name").fill("live");
  await page.screenshot({ path: "test-results/rollback-form.png", fullPage: true });
  await confirm.click();
  await expect(page.getByText("Alias live now serves version 2.")).toBeVisible();
  await expect(page.getByTestId("version-2")).toContainText("live 100 %");
  // 3 was rolled back: no longer known good, so it is no rollback target either.
  await expect(page.getByTestId("version-3")).not.toContainText("deployment succeeded");

  await page.goto(`/changes/${cr.id}`);
  await expect(page.getByText("Rolled back", { exact: true }).first()).toBeVisible();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("(Deployed → Rolled back)");
  await expect(timeline).toContainText("Checkout latency doubled since version 3");
  await page.screenshot({ path: "test-results/rollback-cr-page.png", fullPage: true });
  const rollback = await db.deployment.findFirstOrThrow({ where: { crId: cr.id, kind: "ROLLBACK" } });
  expect(rollback).toMatchObject({ toVersion: "2", fromVersion: "3", state: "SUCCEEDED", reason: "Checkout latency doubled since version 3", startedById: requester.id });
  // "Problem seen at" left as shown means now on the server's clock (the browser's may lag or lead):
  // the reverted deployment's detection is the rollback's own start.
  const reverted = await db.deployment.findFirstOrThrow({ where: { crId: cr.id, kind: { not: "ROLLBACK" } } });
  expect(reverted.issueDetectedAt?.getTime()).toBe(rollback.startedAt.getTime());
});
