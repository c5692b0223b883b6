import { expect, seedUser, signIn, test } from "./fixtures";

test("an engineer cannot reach the admin pages", async ({ page }) => {
  const engineer = await seedUser(["ENGINEER"]);
  await signIn(page, engineer);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", "/admin/services"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You are not allowed to see this page" })).toBeVisible();
  }
});

test("an admin finds every administration page behind one Admin entry, with tabs across them", async ({ page }) => {
  const admin = await seedUser(["ADMIN"]);
  await signIn(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Administration" });
  await expect(tabs.getByRole("link")).toHaveText(["Overview", "Users", "Services", "Tokens", "Freeze", "Policy", "Deliveries"]);
  await page.getByRole("main").getByRole("link", { name: /^Tokens CI tokens pipelines use/ }).click();
  await expect(page.getByRole("heading", { name: "CI tokens" })).toBeVisible();
  await expect(tabs.getByRole("link", { name: "Tokens" })).toHaveAttribute("aria-current", "page");
  // The laptop navigation holds on one line now that the six admin pages are one entry.
  const nav = await page.getByRole("navigation", { name: "Main" }).boundingBox();
  expect(nav!.height).toBeLessThan(56);
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
