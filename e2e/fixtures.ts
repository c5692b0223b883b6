// Each test seeds its own people and services through the same factories as the demo seed, then
// acts through the browser as one of them.
import { test as base, expect, type Page } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Role } from "../generated/prisma/client";
import { createService, createUser, DEMO_PASSWORD } from "../prisma/factories";
import { fillTemplateExtras, pickVersion } from "./cr-template";

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 3 }) });

export interface SeededUser {
  id: string;
  name: string;
  email: string;
  password: string;
}

export async function seedUser(roles: Role[], opts: { disabled?: boolean } = {}): Promise<SeededUser> {
  const u = await createUser(db, { roles, disabled: opts.disabled });
  return { id: u.id, name: u.name, email: u.email, password: DEMO_PASSWORD };
}

export async function seedService(onCallUserId: string) {
  return createService(db, { onCallUserId });
}

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/**
 * A CAB meeting whose slot is now (the weekly slot is days away), so a member can start it from the
 * meeting page as at its slot. `started`: already running, for votes written straight to the table.
 * Its start carries random seconds, since startsAt is unique and tests run in parallel.
 */
export async function meetingNow(opts: { started?: boolean; inDays?: number } = {}) {
  const startsAt = new Date(Date.now() + (opts.inDays ?? 0) * 86_400_000 - 5 * 60_000 - Math.floor(Math.random() * 60_000));
  const started = opts.started ? { status: "IN_PROGRESS", startedAt: new Date(Date.now() - 60_000) } : {};
  return db.cabMeeting.create({ data: { startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000), ...started } });
}

/** Files and submits a CR through the form; returns its id and number. */
export async function fileChange(page: Page, engineer: SeededUser, opts: { high?: boolean; summary: string }) {
  const service = await seedService(engineer.id);
  await page.goto("/changes/new");
  await page.getByLabel("Summary").fill(opts.summary);
  if (opts.high) await page.getByLabel(/^High/).check();
  await page.getByLabel("Users affected").fill("Checkout customers");
  await page.getByLabel("Rollback plan").fill("Switch the alias back");
  await page.getByLabel("Step 1", { exact: true }).fill("Shift traffic by canary");
  await fillTemplateExtras(page, { risk: opts.high ? "HIGH" : "MEDIUM" });
  await page.getByLabel("Commands or steps to undo the change").fill("aws lambda update-alias --function-version 2");
  await page.getByLabel("Service", { exact: true }).selectOption(service.id);
  await pickVersion(page, "3");
  await page.getByLabel("On-call engineer").selectOption(engineer.id);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByRole("heading", { name: opts.summary })).toBeVisible();
  const number = (await page.locator("p.font-mono").first().textContent())!.trim();
  // The page's address carries the CR number; tests that reach the database need its id.
  const { id } = await db.changeRequest.findUniqueOrThrow({ where: { number }, select: { id: true } });
  return { id, number };
}

/** Signs out and waits for the sign-in page, so the next navigation does not cut the redirect short. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

export const test = base.extend<{ db: PrismaClient }>({
  db: async ({}, use) => {
    await use(db);
  },
});
export { expect };
