// The policy editor: the settings the control-integrity rules added are fields with the schema's own
// messages, and a save shows in the policy view. The save is undone at the end, since other specs
// run against the same active policy (the setting changed here — Low risk's own gate entries — is
// one no other spec depends on).
import { expect, seedUser, signIn, test } from "./fixtures";

test("an admin edits the CAB rejection count, the meeting tolerance and self-reported gates, with the schema's messages", async ({ page }) => {
  const admin = await seedUser(["ADMIN"]);
  await signIn(page, admin);
  await page.goto("/admin/policy");
  const view = page.getByRole("table", { name: "Approval matrix" });
  await expect(page.getByText("one rejection rejects a change until it is revised")).toBeVisible();
  await expect(page.getByText(/can start 15 min before its slot; votes count as in-meeting until 15 min past its end/)).toBeVisible();
  await expect(view.getByRole("row", { name: /^Low/ })).toContainText("count");

  const rejections = page.getByLabel("CAB rejections that reject a change");
  const tolerance = page.getByLabel("Meeting start tolerance (minutes)");
  const save = page.getByRole("button", { name: "Save as new version" });
  await rejections.fill("0");
  await expect(page.getByText("CAB rejections that reject a change must be between 1 and 20").first()).toBeVisible();
  await expect(rejections).toHaveAttribute("aria-invalid", "true");
  await expect(save).toBeDisabled();
  await tolerance.fill("300");
  await expect(page.getByText("Meeting start tolerance must be between 0 and 240 minutes").first()).toBeVisible();
  await tolerance.fill("");
  await expect(page.getByText("Meeting start tolerance must be a number").first()).toBeVisible();
  // The fields write the JSON that is saved.
  await expect(page.getByLabel("Whole policy (JSON)")).toHaveValue(/"rejectionsToReject": 0/);
  await page.screenshot({ path: "test-results/policy-editor-errors.png", fullPage: true });
  await rejections.fill("1");
  await tolerance.fill("15");
  await expect(save).toBeEnabled();

  const low = page.getByRole("group", { name: "CAB votes and gate evidence" }).getByLabel("Low risk");
  await low.uncheck();
  await page.getByLabel("What changed and why").fill("e2e: the requester's own gate entries no longer count for Low risk");
  await save.click();
  await expect(page.getByText("Saved as a new policy version.")).toBeVisible();
  await expect(view.getByRole("row", { name: /^Low/ })).toContainText("do not count (CI/CD or someone else reports)");
  await page.screenshot({ path: "test-results/policy-editor.png", fullPage: true });

  // Put it back for the other specs.
  await page.reload();
  await page.getByRole("group", { name: "CAB votes and gate evidence" }).getByLabel("Low risk").check();
  await page.getByLabel("What changed and why").fill("e2e: restore");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Saved as a new policy version.")).toBeVisible();
  await expect(view.getByRole("row", { name: /^Low/ })).not.toContainText("do not count");
});
