// The policy editor: a form per risk level and for the CAB, windows and thresholds, with the JSON as
// an Advanced view of the same policy; the schema's messages appear at the field as you type, and a
// save becomes a new version. The save is undone at the end, since other specs run against the same
// active policy (the load-test limit changed here is one no other spec depends on).
import { expect, seedUser, signIn, test } from "./fixtures";

test("an admin changes a value in the policy form, sees the schema's messages at the fields, and saves a new version", async ({ page }) => {
  const admin = await seedUser(["ADMIN"]);
  await signIn(page, admin);
  await page.goto("/admin/policy");
  const versions = page.getByRole("list", { name: "Policy versions" });
  const before = Number((await versions.locator("li").first().locator("span.font-medium").innerText()).replace("v", ""));
  const save = page.getByRole("button", { name: "Save as new version" });
  await expect(save).toBeDisabled(); // nothing changed yet

  // Field errors, with the server's own messages, at the field.
  const high = page.getByRole("group", { name: "High risk" });
  const approvals = high.getByRole("group", { name: "Approvals needed" });
  await approvals.getByLabel("CAB").uncheck();
  await approvals.getByLabel("CTO").uncheck();
  await expect(approvals.getByRole("alert")).toHaveText("High risk needs at least one approval rule");
  const rejections = page.getByLabel("CAB rejections that reject a change");
  await rejections.fill("0");
  await expect(rejections).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("CAB rejections that reject a change must be between 1 and 20").first()).toBeVisible();
  await expect(save).toBeDisabled();
  await page.screenshot({ path: "test-results/policy-editor-errors.png", fullPage: true });
  await page.getByRole("button", { name: "Undo my edits" }).click();
  await expect(approvals.getByLabel("CTO")).toBeChecked();

  // A value changed in the form is what the Advanced JSON holds and what is saved.
  const p95 = page.getByLabel("Load test p95 limit (ms)");
  await p95.fill("450");
  await page.getByText("Advanced: the whole policy as JSON").click();
  await expect(page.getByLabel("Whole policy (JSON)")).toHaveValue(/"loadTestP95MaxMs": 450/);
  await page.getByLabel("What changed and why").fill("e2e: load test limit 450 ms");
  await save.click();
  await expect(page.getByText("Saved as a new policy version.")).toBeVisible();
  await expect(versions.locator("li").first()).toContainText(`v${before + 1}`);
  await expect(versions.locator("li").first()).toContainText("e2e: load test limit 450 ms");
  await expect(page.getByText("p95 ≤ 450 ms")).toBeVisible();
  await expect(page.getByText(`Version ${before + 1} is in force.`)).toBeVisible();
  await page.screenshot({ path: "test-results/policy-editor.png", fullPage: true });

  // Put it back for the other specs (through the JSON view this time).
  await page.reload();
  await page.getByText("Advanced: the whole policy as JSON").click();
  const json = page.getByLabel("Whole policy (JSON)");
  await json.fill((await json.inputValue()).replace('"loadTestP95MaxMs": 450', '"loadTestP95MaxMs": 500'));
  await expect(page.getByLabel("Load test p95 limit (ms)")).toHaveValue("500");
  await page.getByLabel("What changed and why").fill("e2e: restore");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Saved as a new policy version.")).toBeVisible();
  await expect(page.getByText("p95 ≤ 500 ms")).toBeVisible();
});
