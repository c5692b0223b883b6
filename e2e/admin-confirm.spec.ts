// Admin pages (issue 13): destructive actions ask first in a dialog that says what will happen —
// revoking a CI token, removing a freeze window — and Cancel changes nothing. Tokens expire as chosen
// at creation and the one-time token can be copied. Screenshots of each admin page at 1366 and 390 px.
import type { Page } from "@playwright/test";
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

const shoot = async (page: Page, name: string) => {
  for (const [w, h] of [[1366, 768], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `test-results/admin-pages/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
};

test("an admin creates a token that expires in 30 days, copies it, and revokes it only after confirming", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const admin = await seedUser(["ADMIN"]);
  const service = await seedService(admin.id);
  await signIn(page, admin);
  await page.goto("/admin/tokens");
  const name = `e2e-token-${Date.now().toString(36)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(service.name).check();
  await page.getByLabel("Expires after").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  const plain = await page.getByTestId("new-token").innerText();
  expect(plain).toMatch(/^cg_/);
  await expect(page.getByText(/expires \w{3} \d+ \w{3} \d{4}/).first()).toBeVisible();
  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(plain);
  const row = page.getByRole("row").filter({ hasText: name });
  // Name, prefix, services, created, expires, last used: it expires (30 days on), unused so far.
  await expect(row.getByRole("cell").nth(4)).toContainText(/\d+ \w{3} \d{4}/);
  await expect(row.getByRole("cell").nth(5)).toHaveText("never");
  await shoot(page, "tokens");

  // Revoke asks first and says what happens; Cancel keeps the token.
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke token ${name}?` });
  await expect(dialog).toContainText(`can no longer act on ${service.name}`);
  await page.screenshot({ path: "test-results/admin-pages/token-revoke-dialog.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText("revoked")).toHaveCount(0);
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(row.getByText("revoked")).toBeVisible();
});

test("removing a freeze window asks first, naming the time it frees; Cancel keeps it", async ({ page }) => {
  const admin = await seedUser(["ADMIN"]);
  await signIn(page, admin);
  await page.goto("/admin/freeze");
  const name = `E2E freeze ${Date.now().toString(36)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Reason").fill("Peak traffic");
  await page.getByLabel(/^Start/).fill("2031-12-20T00:00");
  await page.getByLabel(/^End/).fill("2032-01-02T00:00");
  await page.getByRole("button", { name: "Declare freeze" }).click();
  const item = page.getByRole("listitem").filter({ hasText: name });
  await expect(item).toBeVisible();
  await shoot(page, "freeze");

  await item.getByRole("button", { name: `Remove ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Remove freeze window ${name}?` });
  await expect(dialog).toContainText("Normal changes may deploy again between");
  await expect(dialog).toContainText("20 Dec 2031");
  await page.screenshot({ path: "test-results/admin-pages/freeze-remove-dialog.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: `Remove ${name}` }).click();
  await dialog.getByRole("button", { name: "Remove freeze" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);
});

test("registering a Lambda function AWS does not have is refused naming the function; users and policy pages at both widths", async ({ page }) => {
  const admin = await seedUser(["ADMIN"]);
  await signIn(page, admin);
  await page.goto("/admin/services");
  const form = page.getByRole("form", { name: "Register a service" });
  await form.getByLabel("Service name").fill(`e2e-ghost-${Date.now().toString(36)}`);
  await form.getByLabel("Owner team").fill("Payments");
  await form.getByLabel("Lambda function name").fill("no-such-function-e2e");
  await form.getByRole("button", { name: "Register" }).click();
  await expect(form.getByText("AWS Lambda has no function named no-such-function-e2e; check the name (it is case-sensitive) and the region, or create the function first.")).toBeVisible();
  await shoot(page, "services");

  await page.goto("/admin/users");
  const newUser = page.getByRole("form", { name: "New user" });
  for (const label of ["Full name", "Email", "Initial password", "Team"]) await expect(newUser.getByLabel(label, { exact: true })).toBeVisible();
  await shoot(page, "users");
  await page.goto("/admin/policy");
  await shoot(page, "policy");
});
