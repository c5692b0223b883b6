// One time zone per person (issue 13): an engineer sets Asia/Tokyo in Settings (an unknown zone is
// refused with a clear message first) and from then on reads a CR's planned window, its timeline
// and the history of its deployment in Tokyo time, while the CR still says the zone it was planned in.
import { createDeployment, createReadyChange } from "../prisma/factories";
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

const SHOTS = process.env.CHANGEGATE_SHOTS_DIR ?? "test-results";

test("a person's zone: Tokyo time on the CR page and in the history", async ({ page, db }) => {
  const engineer = await seedUser(["ENGINEER"]);
  const service = await seedService(engineer.id);
  // 10:00 in Berlin (CET) is 18:00 in Tokyo.
  const start = new Date(Date.UTC(2025, 2, 10, 9, 0));
  const cr = await createReadyChange(db, { serviceId: service.id, requesterId: engineer.id, targetVersion: "2", summary: `Tokyo window ${Date.now()}` });
  await db.changeRequest.update({ where: { id: cr.id }, data: { windowStart: start, windowTimeZone: "Europe/Berlin", windowDurationMin: 60 } });
  await createDeployment(db, { serviceId: service.id, crId: cr.id, requesterId: engineer.id, startedAt: start, finishedAt: new Date(start.getTime() + 12 * 60_000) });

  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, engineer);
  // Before choosing: the organisation's zone.
  await page.goto(`/changes/${cr.id}`);
  await expect(page.getByTestId("planned-start")).toHaveText("Mon 10 Mar 2025, 10:00 GMT+1");

  await page.goto("/settings");
  const zone = page.getByLabel("Your time zone");
  await zone.fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Time zone: unknown zone" })).toBeVisible();
  await zone.fill("Asia/Tokyo");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Saved. Every page now shows times in this zone.")).toBeVisible();
  await expect(page.getByTestId("time-zone-now")).toContainText("Asia/Tokyo (your choice)");
  await page.screenshot({ path: `${SHOTS}/settings-1366.png`, fullPage: true });

  await page.goto(`/changes/${cr.id}`);
  const planned = page.getByTestId("planned-start");
  await expect(planned).toHaveText("Mon 10 Mar 2025, 18:00 GMT+9");
  await expect(page.getByText("Planned as 10:00 Europe/Berlin")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/cr-tokyo-1366.png`, fullPage: true });

  await page.goto(`/history?service=${service.id}&from=2025-03-10&to=2025-03-10`);
  await expect(page.getByText("Times are in Asia/Tokyo (your zone)")).toBeVisible();
  const row = page.getByRole("table", { name: "Deployments" }).locator("tbody tr").filter({ hasText: cr.number });
  await expect(row).toContainText("2025-03-10 18:00");
  await expect(row).toContainText("2025-03-10 18:12");
  await page.screenshot({ path: `${SHOTS}/history-tokyo-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/changes/${cr.id}`);
  await expect(page.getByTestId("planned-start")).toHaveText("Mon 10 Mar 2025, 18:00 GMT+9");
  await page.screenshot({ path: `${SHOTS}/cr-tokyo-390.png`, fullPage: true });
});
