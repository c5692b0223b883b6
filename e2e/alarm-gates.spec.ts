// A service's CloudWatch alarms as gates in the registry, against the e2e sandbox's demo alarms
// (checkout-api-ErrorRateAlarm: the seed's ErrorRateAlarm on checkout-api).
import { expect, seedUser, signIn, test } from "./fixtures";

test("an admin lists a service's alarm gates; the registry shows each with its CloudWatch state, and refuses more than 10", async ({ page, db }) => {
  const admin = await seedUser(["ADMIN"]);
  const team = await db.team.create({ data: { name: `payments-${Date.now().toString(36)}` } });
  const name = `checkout-${Date.now().toString(36)}`;
  // Its own alias name: the registry is unique per function and alias, and other specs use production.
  await db.service.create({ data: { name, teamId: team.id, awsRegion: "us-east-1", functionName: "checkout-api", alias: `e2e-${Date.now().toString(36)}`, baselineVersion: "4" } });
  await signIn(page, admin);
  await page.goto("/admin/services");
  const form = page.getByRole("form", { name: `Edit ${name}` });

  await form.getByLabel("Alarms (gates)").fill(Array.from({ length: 11 }, (_, i) => `alarm-${i}`).join("\n"));
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("At most 10 alarms, as CodeDeploy allows (got 11).")).toBeVisible();

  await form.getByLabel("Alarms (gates)").fill("checkout-api-ErrorRateAlarm\ncheckout-api-Typo\n");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  await page.reload();
  const gates = page.getByRole("form", { name: `Edit ${name}` }).getByLabel("Alarm gates");
  await expect(gates.getByRole("listitem").filter({ hasText: "checkout-api-ErrorRateAlarm" })).toContainText(/^(OK|Insufficient data)checkout-api-ErrorRateAlarmAWS\/Lambda Errors Sum > 5 for 2 of 2 × 60 ssince /);
  await expect(gates.getByRole("listitem").filter({ hasText: "checkout-api-Typo" })).toContainText("Not found in CloudWatch");
  expect((await db.service.findFirstOrThrow({ where: { name } })).alarmNames).toEqual(["checkout-api-ErrorRateAlarm", "checkout-api-Typo"]);
  await page.getByRole("form", { name: `Edit ${name}` }).screenshot({ path: "test-results/alarm-gates-admin.png" });
});
