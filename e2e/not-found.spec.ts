// Addresses people type or share: a change by its number, and pages that do not exist.
import { createReadyChange } from "../prisma/factories";
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

test("a change opens by its number, and an unknown page keeps the navigation and says what to do", async ({ page, db }) => {
  const me = await seedUser(["ENGINEER"]);
  const service = await seedService(me.id);
  const cr = await createReadyChange(db, { serviceId: service.id, requesterId: me.id, targetVersion: "2", summary: `Shared by number ${Date.now()}` });
  await signIn(page, me);

  await page.goto(`/changes/${cr.number}`);
  await expect(page.getByRole("heading", { name: cr.summary })).toBeVisible();

  const unknown = await page.goto("/no-such-page");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.screenshot({ path: "test-results/e2e-artifacts/not-found.png", fullPage: true });

  const missing = await page.goto("/changes/CR-1999-999");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await expect(page.getByRole("link", { name: "My work" }).first()).toBeVisible();

  // The search on the not-found page finds the change by its number.
  await page.getByRole("searchbox", { name: "Search changes" }).fill(cr.number);
  await page.getByRole("button", { name: "Search changes" }).click();
  await expect(page).toHaveURL(/\/changes\?q=/);
  await expect(page.getByRole("link", { name: cr.summary })).toBeVisible();
});
