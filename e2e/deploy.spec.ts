// Deploys through the browser against the AWS sandbox (scripts/test.ts runs it at 60×, so the
// 5-minute canary takes 5 s) and the deploy worker. The "approved" CR is inserted with the
// createReadyChange factory (automated approval + passed gates) rather than clicked through CI.
import { SandboxControlClient } from "../lib/sandbox/control-client";
import { createReadyChange, createService } from "../prisma/factories";
import { expect, seedUser, signIn, test } from "./fixtures";
import { scaled } from "../test/timeouts";

const sandbox = new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL ?? "http://127.0.0.1:4660");

async function target(db: Parameters<typeof createService>[0], requesterId: string, onCallUserId?: string) {
  const name = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await sandbox.createFunction({ name, versions: 3, alias: "live", aliasVersion: "2", requestRate: 20 });
  const service = await createService(db, { functionName: name, alias: "live", onCallUserId, name: `svc-${name}` });
  await db.service.update({ where: { id: service.id }, data: { gateRules: { validation: { minutes: 1 } } } });
  const cr = await createReadyChange(db, { serviceId: service.id, requesterId, targetVersion: "3", strategy: "Canary10Percent5Minutes", summary: `Ship ${name} v3` });
  return { name, service, cr };
}

test("an approved CR deploys with Canary10Percent5Minutes: the weight moves to 10 %, then 100 %", async ({ page, db }) => {
  const me = await seedUser(["ENGINEER"]);
  const t = await target(db, me.id);
  await signIn(page, me);
  await page.goto(`/changes/${t.cr.id}`);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await page.waitForURL(/\/deployments\//);
  await expect(page.getByTestId("current-weight")).toHaveText("10 %", { timeout: scaled(30_000) });
  await expect(page.getByTestId("step-label")).toHaveText(/Step 1 of 2/);
  await expect(page.getByTestId("deployment-state")).toHaveText("Succeeded", { timeout: scaled(45_000) });
  await expect(page.getByTestId("current-weight")).toHaveText("100 %");
  await expect(page.getByLabel("Deployment timeline").first()).toContainText("Validation passed");
  await page.screenshot({ path: "test-results/e2e-artifacts/deploy-succeeded.png", fullPage: true });
});

test("with errors injected, the page shows the gate breach and the rollback", async ({ page, db }) => {
  const me = await seedUser(["ENGINEER"]);
  const t = await target(db, me.id);
  await sandbox.injectFault(t.name, "3", { errorRate: 0.25 });
  await signIn(page, me);
  await page.goto(`/changes/${t.cr.id}`);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await page.waitForURL(/\/deployments\//);
  await expect(page.getByTestId("deployment-state")).toHaveText("Rolled back", { timeout: scaled(45_000) });
  await expect(page.getByText(/gate breached on version 3/).first()).toBeVisible();
  await expect(page.getByLabel("Deployment timeline").first()).toContainText("Gate breached");
  await expect(page.getByTestId("current-weight")).toHaveText("0 %");
  await page.screenshot({ path: "test-results/e2e-artifacts/deploy-rolled-back.png", fullPage: true });
});

// Manual rollback (known-good versions only, by whom, with a reason) is covered in rollback.spec.ts.
