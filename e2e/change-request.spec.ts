import { fillTemplateExtras, pickVersion } from "./cr-template";
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

test("an engineer files a CR through the form, fixes errors, and finds it in the list", async ({ page }) => {
  const engineer = await seedUser(["ENGINEER"]);
  const service = await seedService(engineer.id);
  await signIn(page, engineer);

  await page.getByRole("link", { name: "New change request" }).click();
  await expect(page.getByRole("heading", { name: "New change request" })).toBeVisible();

  // Submit with gaps: the errors appear at their fields and nothing is created.
  await page.getByLabel("Summary").fill("Hi");
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByText("Summary needs at least 5 characters")).toBeVisible();
  await expect(page.getByText("Users affected is required")).toBeVisible();
  await expect(page.getByText("Choose the service to deploy")).toBeVisible();
  await expect(page.getByText("Version must be a published version number")).toBeVisible();
  await expect(page.getByLabel("Summary")).toHaveAttribute("aria-invalid", "true");

  const summary = `Raise checkout memory ${Date.now()}`;
  await page.getByLabel("Summary").fill(summary);
  await page.getByLabel("Performance improvement").check();
  await page.getByLabel(/^High/).check();
  await page.getByLabel("Users affected").fill("None (transparent change)");
  await page.getByLabel("Rollback plan").fill("Reduce memory back to 512MB");
  await page.getByLabel("Step 1", { exact: true }).fill("Update Lambda configuration via CloudFormation");
  await page.getByRole("button", { name: "Add step" }).click();
  await page.getByLabel("Step 2", { exact: true }).fill("Monitor for 1 hour");
  await fillTemplateExtras(page, { risk: "HIGH", minutes: [10, 60] });
  await page.getByLabel("Tested in staging").check();
  await page.getByLabel("Commands or steps to undo the change").fill("aws lambda update-function-configuration --memory-size 512");
  await page.getByLabel("Service", { exact: true }).selectOption(service.id);
  await pickVersion(page, "3");
  await page.getByLabel("On-call engineer").selectOption(engineer.id);
  await page.getByRole("button", { name: "Submit for approval" }).click();

  await expect(page.getByRole("heading", { name: summary })).toBeVisible();
  await expect(page.getByText("Submitted", { exact: true })).toBeVisible();
  const number = (await page.locator("p.font-mono").first().textContent())!.trim();
  expect(number).toMatch(/^CR-\d{4}-\d{3,}$/);

  // Find it again through the list's filters; the URL carries them.
  await page.getByRole("link", { name: "Changes" }).click();
  await page.getByLabel("Search").fill(summary.split(" ").pop()!);
  await page.getByLabel("Risk").selectOption("HIGH");
  await page.getByLabel("Service").selectOption(service.id);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/risk=HIGH/);
  await expect(page.getByRole("link", { name: number })).toBeVisible();
  await expect(page.getByText("1 result")).toBeVisible();

  await page.getByRole("link", { name: number }).click();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByText("created the change request")).toBeVisible();
  await expect(timeline.getByText("submitted it for approval")).toBeVisible();
  await expect(timeline.getByText("(Draft → Submitted)")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/changes");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fchanges/);
});

test("a draft survives a failed submit and can be saved", async ({ page }) => {
  const engineer = await seedUser(["ENGINEER"]);
  const service = await seedService(engineer.id);
  await signIn(page, engineer);
  await page.goto("/changes/new");
  await page.getByLabel("Summary").fill("Half-written change that is not ready");
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByText("Please fix the highlighted fields.")).toBeVisible();
  await expect(page.getByLabel("Summary")).toHaveValue("Half-written change that is not ready");
  // A draft needs only a summary and the service it will deploy.
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Please fix: Choose the service to deploy")).toBeVisible();
  await page.getByLabel("Service", { exact: true }).selectOption(service.id);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: "Half-written change that is not ready" })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
});
