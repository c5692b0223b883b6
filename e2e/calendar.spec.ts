// The change calendar (issue 13): the week as a time grid with CR blocks at their planned times
// (overlapping ones side by side) and a freeze as a shaded band; the service filter narrows it; the
// month's "+N more" opens the day; a phone reads the days as a list. Dates are years ahead so
// other tests' changes stay out of these weeks.
import type { Page } from "@playwright/test";
import { createReadyChange } from "../prisma/factories";
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

const SHOTS = process.env.CHANGEGATE_SHOTS_DIR ?? "test-results";
const berlin = (y: number, m: number, d: number, h: number, min = 0) => new Date(Date.UTC(y, m - 1, d, h - 1, min)); // CET, winter

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not drawn`);
  return b;
}

test("week grid: CR blocks at their times, side by side, a freeze band; the filter narrows; overflow opens the day; a phone lists the days", async ({ page, db }) => {
  const manager = await seedUser(["ENG_MANAGER"]);
  const [a, b, c] = [await seedService(manager.id), await seedService(manager.id), await seedService(manager.id)];
  const tag = Date.now().toString(36);
  const plan = async (serviceId: string, summary: string, start: Date, minutes: number) => {
    const cr = await createReadyChange(db, { serviceId, requesterId: manager.id, targetVersion: "2", summary: `${summary} ${tag}`, codeSha256: null });
    return db.changeRequest.update({ where: { id: cr.id }, data: { windowStart: start, windowDurationMin: minutes, windowTimeZone: "Europe/Berlin" } });
  };
  // Wednesday 12 March 2031: two windows overlapping 10:30–11:00 on different services.
  const first = await plan(a.id, "Raise memory", berlin(2031, 3, 12, 10), 60);
  const second = await plan(b.id, "Rotate keys", berlin(2031, 3, 12, 10, 30), 60);
  const freeze = await db.freezeWindow.create({
    data: { name: `Quarter close ${tag}`, startsAt: berlin(2031, 3, 13, 0), endsAt: berlin(2031, 3, 14, 12), createdById: manager.id },
  });
  // Six windows on Thursday 20 March: the month cell shows four and "+2 more".
  for (let i = 0; i < 6; i++) await plan(c.id, `Busy day ${i}`, berlin(2031, 3, 20, 9 + i), 30);

  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, manager);
  await page.goto("/calendar?view=week&date=2031-03-12");
  await expect(page.getByTestId("calendar-title")).toHaveText("Week of 10 Mar 2031");
  const grid = page.getByTestId("week-grid");
  const blockA = grid.locator(`[data-block="${first.id}"] a`);
  await expect(blockA).toContainText("10:00–11:00");
  await expect(blockA).toContainText(first.summary);
  // The block starts where the 10:00 line is and is an hour tall; the overlapping one stands beside it.
  const ten = await box(page, `[data-testid="week-grid"] span:text-is("10:00")`);
  const eleven = await box(page, `[data-testid="week-grid"] span:text-is("11:00")`);
  const hour = eleven.y - ten.y;
  const boxA = await box(page, `[data-block="${first.id}"] a`);
  const boxB = await box(page, `[data-block="${second.id}"] a`);
  expect(Math.abs(boxA.y - (ten.y + ten.height / 2))).toBeLessThan(3);
  expect(Math.abs(boxA.height - hour)).toBeLessThan(3);
  expect(boxB.x).toBeGreaterThanOrEqual(boxA.x + boxA.width - 1);
  expect(Math.abs(boxB.y - (boxA.y + hour / 2))).toBeLessThan(3);
  // The freeze: one shaded band in each day it covers (Thursday all day, Friday until noon), named once.
  const bands = grid.locator(`[data-band="${freeze.id}"]`);
  await expect(bands).toHaveCount(2);
  await expect(bands.first()).toContainText(`Freeze: Quarter close ${tag}`);
  await page.screenshot({ path: `${SHOTS}/calendar-week-1366.png`, fullPage: true });

  // Only service A: the other window goes, the freeze stays.
  await page.getByLabel("Service", { exact: true }).selectOption(a.id);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`service=${a.id}`));
  await expect(grid.locator(`[data-block="${first.id}"] a`)).toBeVisible();
  await expect(grid.locator(`[data-block="${second.id}"]`)).toHaveCount(0);
  await expect(bands).toHaveCount(2);
  // Alone now, the block takes the whole day column.
  expect((await box(page, `[data-block="${first.id}"] a`)).width).toBeGreaterThan(boxA.width * 1.5);

  await page.goto("/calendar?view=month&month=2031-03");
  await expect(page.getByTestId("calendar-title")).toHaveText("March 2031");
  const busy = page.locator('[data-date="2031-03-20"]');
  await expect(busy.locator('[data-kind="change-window"]')).toHaveCount(4);
  await expect(page.locator('[data-date="2031-03-13"]')).toHaveAttribute("data-frozen", "true");
  await page.screenshot({ path: `${SHOTS}/calendar-month-1366.png`, fullPage: true });
  await busy.getByRole("link", { name: "+2 more" }).click();
  await expect(page).toHaveURL(/view=day&date=2031-03-20/);
  await expect(page.getByTestId("calendar-title")).toHaveText("Thursday 20 March 2031");
  const day = page.getByTestId("day-list");
  for (let i = 0; i < 6; i++) await expect(day.getByRole("link", { name: `Busy day ${i} ${tag}` })).toBeVisible();

  // A phone: the week's days as a readable list, nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/calendar?view=week&date=2031-03-12");
  const list = page.getByTestId("day-list");
  await expect(list.getByRole("link", { name: `Raise memory ${tag}` })).toBeVisible();
  await expect(list.getByRole("region", { name: "Wed 12 Mar" })).toContainText("10:00–11:00");
  await expect(page.getByTestId("week-grid")).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}/calendar-week-390.png`, fullPage: true });
  await page.goto("/calendar?view=month&month=2031-03");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}/calendar-month-390.png`, fullPage: true });
});
