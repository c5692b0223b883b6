// Issue 17: an admin pastes the seed's SAM canary template, reviews the proposal (strategy, hooks,
// the ErrorRate alarm with its threshold, what is not imported) and registers MyFunction:live; the
// service page then shows what it deploys with. The sandbox gets MyFunction first, as the stack would.
import { readFileSync } from "node:fs";
import { SandboxControlClient } from "../lib/sandbox/control-client";
import { expect, seedUser, signIn, test } from "./fixtures";

const sandbox = new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL ?? "http://127.0.0.1:4660");
const template = readFileSync(new URL("../lib/domain/sam/fixtures/seed-canary.yaml", import.meta.url), "utf8");

test("importing the seed's template registers MyFunction:live with its strategy, hooks and alarm gate", async ({ page, db }) => {
  // A retry finds the function already there; registration below proves it exists either way.
  await sandbox.createFunction({ name: "MyFunction", versions: 3, alias: "live", aliasVersion: "2" }).catch(() => undefined);
  const admin = await seedUser(["ADMIN"]);
  await signIn(page, admin);
  await page.goto("/services");
  await page.getByRole("link", { name: "Import from a SAM template" }).click();
  await page.getByLabel("SAM or CloudFormation template (YAML or JSON)").fill(template);
  await page.getByRole("button", { name: "Review" }).click();

  const proposal = page.getByRole("region", { name: "Proposal for MyFunction" });
  await expect(proposal).toContainText("Canary10Percent5Minutes");
  await expect(proposal).toContainText("ErrorRateAlarm's AlarmName !Sub '${AWS::StackName}-ErrorRate' cannot be resolved");
  await expect(page.getByRole("button", { name: "Register 0 services" })).toBeDisabled();

  await page.getByLabel("Stack name").fill("orders");
  await page.getByRole("button", { name: "Review" }).click();
  await expect(proposal).toContainText("orders-ErrorRate");
  await expect(proposal).toContainText("no FunctionName: using the logical id MyFunction");
  await expect(page.getByRole("table", { name: "Template alarms" })).toContainText("Sum of AWS/Lambda Errors over 60 s, 2 of 2 periods GreaterThanThreshold 5");
  await expect(page.getByRole("list", { name: "Not imported" })).toContainText("!Ref LatencyAlarm: not imported because LatencyAlarm is not an AWS::CloudWatch::Alarm");
  await page.getByLabel("Service name").fill("orders-api");
  await page.getByLabel("Owner team").fill("Orders");
  await page.getByLabel("On call").selectOption({ label: admin.name });
  await page.screenshot({ path: "test-results/e2e-artifacts/sam-import-review.png", fullPage: true });
  await page.getByRole("button", { name: "Register 1 service" }).click();

  await page.waitForURL(/\/services\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "orders-api" })).toBeVisible();
  await expect(page.getByText("MyFunction:live").first()).toBeVisible();
  const pref = page.getByLabel("Deployment preference");
  await expect(pref).toContainText("Canary10Percent5Minutes");
  await expect(pref).toContainText("PreTrafficHook");
  await expect(pref).toContainText("PostTrafficHook");
  await expect(pref).toContainText("orders-ErrorRate");
  await page.screenshot({ path: "test-results/e2e-artifacts/sam-import-service.png", fullPage: true });
  const saved = await db.service.findFirstOrThrow({ where: { name: "orders-api" } });
  expect(saved).toMatchObject({ functionName: "MyFunction", alias: "live", baselineVersion: "2", onCallUserId: admin.id });
});
