import { expect, seedUser, signIn, test } from "./fixtures";

test("an engineer cannot reach the admin pages", async ({ page }) => {
  const engineer = await seedUser(["ENGINEER"]);
  await signIn(page, engineer);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  for (const path of ["/admin/users", "/admin/services"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You are not allowed to see this page" })).toBeVisible();
  }
});

test("an admin manages users and roles; a disabled user cannot sign in", async ({ page, browser }) => {
  const admin = await seedUser(["ADMIN"]);
  const target = await seedUser(["ENGINEER"]);
  await signIn(page, admin);
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: `Edit ${target.name}` });
  await form.getByLabel("SRE").check();
  await form.getByLabel("Disabled").check();
  await form.getByRole("button", { name: "Save" }).click();
  // Disabling asks first, saying what it does.
  const confirm = page.getByRole("dialog", { name: `Disable ${target.name}?` });
  await expect(confirm).toContainText("can no longer sign in");
  await confirm.getByRole("button", { name: "Disable account" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();

  const other = await browser.newPage();
  await other.goto("/signin");
  await other.getByLabel("Email").fill(target.email);
  await other.getByLabel("Password").fill(target.password);
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(other.getByText("This account is disabled. Ask an administrator.")).toBeVisible();
  await other.close();
});

test("a wrong password is refused, and repeated failures are slowed down", async ({ page }) => {
  const user = await seedUser(["ENGINEER"]);
  await page.goto("/signin");
  for (let i = 0; i < 3; i++) {
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: /Wrong email|Too many/ })).toBeVisible();
  }
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Even the right password waits until the slow-down has passed.
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-ins" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});
