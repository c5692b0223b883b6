// Issue 13's CR template: every field of the seed's template plus description and monitoring plan,
// each saying what it is for; the version picked from the function's published versions; risk
// questions unanswered until answered; the planned window checked at submit with the reason.
import { DateTime } from "luxon";
import { answerRiskQuestions, fillTemplateExtras, pickVersion } from "./cr-template";
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

const ZONE = process.env.CHANGEGATE_TIME_ZONE ?? "Europe/Berlin";

test("an engineer files a CR with the full template and the version picker; the CR page shows it", async ({ page }) => {
  const engineer = await seedUser(["ENGINEER"]);
  const service = await seedService(engineer.id);
  const other = await seedService(engineer.id);
  await signIn(page, engineer);
  await page.goto("/changes/new");

  // Each field says what it is for; the two rollback fields are told apart.
  await expect(page.getByText("One sentence: when we decide to roll back and how. The exact commands go under Rollback procedure.")).toBeVisible();
  await expect(page.getByText("The exact commands (or console steps) someone on call can run without you")).toBeVisible();
  // Nothing answered for the requester; submitting names what is open.
  await expect(page.getByTestId("risk-open")).toContainText("6 of 6 questions not answered yet");
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByText("Answer “Blast radius”")).toBeVisible();
  await expect(page.getByText("Description is required: say what changes and why")).toBeVisible();
  await expect(page.getByText("Say how many minutes step 1 takes")).toBeVisible();

  const summary = `Raise checkout memory ${Date.now()}`;
  await page.getByLabel("Summary").fill(summary);
  await page.getByLabel("Performance improvement").check();
  await page.getByLabel("Service", { exact: true }).selectOption(service.id);
  await expect(page.getByTestId("own-service")).toContainText(service.name);
  await page.getByLabel(`Also affects ${other.name}`).check();
  await page.getByLabel("Other systems affected").fill("payments database");
  await page.getByLabel("Users affected").fill("None (transparent change)");
  await page.getByLabel("Rollback plan").fill("If errors exceed 1 % for 5 minutes, switch the alias back");
  await page.getByLabel("Step 1", { exact: true }).fill("Deploy by canary");
  await page.getByRole("button", { name: "Add step" }).click();
  await page.getByLabel("Step 2", { exact: true }).fill("Monitor for 1 hour");
  await fillTemplateExtras(page, { minutes: [15, 60] });
  await expect(page.getByTestId("plan-total")).toHaveText("Plan total: 1 h 15 min");
  await page.getByLabel("Commands or steps to undo the change").fill("aws lambda update-alias --function-version 1");
  // The published versions of the function, newest first, the live one marked.
  const version = page.getByLabel("Version to deploy");
  await expect(version).toHaveJSProperty("tagName", "SELECT");
  await expect(version.locator("option").nth(1)).toHaveText(/^12/);
  await expect(version.locator("option", { hasText: "(live now)" })).toHaveText(/^1\b/);
  await pickVersion(page, "3");
  await page.getByLabel("On-call engineer").selectOption(engineer.id);
  await page.screenshot({ path: "test-results/cr-template-form.png", fullPage: true });
  await page.getByRole("button", { name: "Submit for approval" }).click();

  await expect(page.getByRole("heading", { name: summary })).toBeVisible();
  await expect(page.getByText("Checkout times out under load")).toBeVisible();
  await expect(page.getByText("Error rate and p95 on the service dashboard for 1 hour")).toBeVisible();
  await expect(page.getByText(`${service.name}, ${other.name}`)).toBeVisible();
  await expect(page.getByText("Plan total: 75 minutes")).toBeVisible();
  await page.screenshot({ path: "test-results/cr-template-detail.png", fullPage: true });
});

test("a Medium change planned for Saturday 22:00 is refused at submit with the reason; nothing is filed", async ({ page, db }) => {
  const engineer = await seedUser(["ENGINEER"]);
  const service = await seedService(engineer.id);
  await signIn(page, engineer);
  await page.goto("/changes/new");
  const summary = `Saturday night change ${Date.now()}`;
  await page.getByLabel("Summary").fill(summary);
  await page.getByLabel("Users affected").fill("Checkout customers");
  await page.getByLabel("Rollback plan").fill("Switch the alias back on errors");
  await page.getByLabel("Step 1", { exact: true }).fill("Deploy");
  await fillTemplateExtras(page);
  await page.getByLabel("Commands or steps to undo the change").fill("aws lambda update-alias --function-version 1");
  await page.getByLabel("Service", { exact: true }).selectOption(service.id);
  await pickVersion(page, "3");
  await page.getByLabel("On-call engineer").selectOption(engineer.id);
  const saturday = DateTime.now().setZone(ZONE).plus({ days: 7 }).set({ weekday: 6, hour: 22, minute: 0 });
  await page.getByLabel("Planned start").fill(saturday.toFormat("yyyy-MM-dd'T'HH:mm"));
  await page.getByRole("button", { name: "Submit for approval" }).click();
  const reason = `Medium risk deploys only during business hours (Mon–Fri 09:00–17:00 ${ZONE}); the planned start Saturday ${saturday.toFormat("d LLL")} 22:00 ${ZONE} is outside it`;
  await expect(page.getByRole("alert").filter({ hasText: `Cannot submit: ${reason}` })).toBeVisible();
  await expect(page.locator("#windowStart-error")).toHaveText(reason);
  await page.screenshot({ path: "test-results/cr-template-refused.png", fullPage: true });
  expect(await db.changeRequest.count({ where: { summary } })).toBe(0);

  // Saving a draft with the same window is allowed: only submitting is judged.
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: summary })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
});
