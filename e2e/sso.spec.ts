// Single sign-on against a certified OpenID provider (e2e/support/oidc-provider.ts, started by
// scripts/test.ts) in its spec-default configuration: the ID token carries only `sub`, so the portal
// must read email and email_verified from userinfo. Each test registers its own provider account.
import type { Page } from "@playwright/test";
import { expect, seedUser, test } from "./fixtures";

const issuer = `http://127.0.0.1:${process.env.CHANGEGATE_E2E_OIDC_PORT ?? 4680}`;
const SHOTS = "test-results/e2e-artifacts";

// The tests switch the shared provider off and on: one at a time.
test.describe.configure({ mode: "serial" });

async function provider(path: "accounts" | "down", body: object) {
  const res = await fetch(`${issuer}/_test/${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(res.status).toBe(204);
}

/** Through the portal's SSO button and the provider's own login and consent pages. */
async function signInWithSso(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.beforeEach(async ({ page }) => {
  // The provider's dev pages link a web font; there is no internet here.
  await page.route(/fonts\.googleapis\.com/, (r) => r.abort());
});

test("a user with a verified email at the provider signs in as the matching portal user, bound by subject", async ({ page, db }) => {
  const user = await seedUser(["ENGINEER"]);
  const login = `idp-${user.id}`;
  await provider("accounts", { id: login, email: user.email.toUpperCase(), email_verified: true, name: "Someone at the IdP" });
  await page.goto("/signin");
  await page.screenshot({ path: `${SHOTS}/sso-sign-in.png` });
  await signInWithSso(page, login);
  await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);
  expect(await db.userIdentity.findMany({ where: { userId: user.id }, select: { issuer: true, subject: true } })).toEqual([{ issuer, subject: login }]);
});

test("a provider account claiming the CTO's email without verifying it is refused", async ({ page, db }) => {
  const cto = await seedUser(["CTO"]);
  await provider("accounts", { id: `impostor-${cto.id}`, email: cto.email, email_verified: false, name: "Not the CTO" });
  await signInWithSso(page, `impostor-${cto.id}`);
  await expect(page).toHaveURL(/\/signin\?error=sso-unverified-email/);
  await expect(page.locator("form").getByRole("alert")).toHaveText(/does not have a verified email address, so it cannot be matched to a Changegate account/);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/sso-refused.png` });
  expect(await db.userIdentity.count({ where: { userId: cto.id } })).toBe(0);
});

test("a provider that does not answer gets a clear message, and password sign-in is offered", async ({ page }) => {
  await provider("down", { down: true });
  try {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(`The single sign-on provider at ${issuer} did not answer; try again or sign in with your password.`);
    await expect(page.getByLabel("Password")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/sso-provider-down.png` });
  } finally {
    await provider("down", { down: false });
  }
});
