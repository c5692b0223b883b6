// A manager takes a number on the dashboard and lands on exactly the deployments behind it.
import { createDeployment } from "../prisma/factories";
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

test("a manager clicks a metric and lands on its deployments, with the same count", async ({ page, db }) => {
  const manager = await seedUser(["ENG_MANAGER"]);
  const service = await seedService(manager.id);
  const day = (d: number, h: number) => new Date(Date.now() - d * 86_400_000 + h * 3600_000);
  // Six finished deployments over the last days: two rolled back, one failed; plus a rollback
  // operation and a running deployment, which the metrics do not count.
  const outcomes = ["SUCCEEDED", "ROLLED_BACK", "SUCCEEDED", "FAILED", "ROLLED_BACK", "SUCCEEDED"] as const;
  for (const [i, outcome] of outcomes.entries()) {
    const startedAt = day(6 - i, 0);
    await createDeployment(db, {
      serviceId: service.id,
      requesterId: manager.id,
      startedAt,
      outcome,
      rollbackKind: outcome === "ROLLED_BACK" ? "AUTOMATIC" : null,
      issueDetectedAt: outcome === "ROLLED_BACK" ? new Date(startedAt.getTime() + 4 * 60_000) : null,
      commitTime: new Date(startedAt.getTime() - 2 * 3600_000),
    });
  }
  await createDeployment(db, { serviceId: service.id, kind: "ROLLBACK", startedAt: day(2, 1), outcome: "SUCCEEDED" });
  await createDeployment(db, { serviceId: service.id, startedAt: day(0, -1), outcome: null });

  await signIn(page, manager);
  await page.goto(`/metrics?service=${service.id}`);
  const cfr = page.getByRole("region", { name: "Change failure rate" });
  await expect(page.getByTestId("value-changeFailureRate")).toHaveText("33.3 %");
  // 33.3 % is nearest the 15 % cluster centre: Medium, not Low.
  await expect(cfr).toContainText("DORA: Medium");
  await page.screenshot({ path: "/tmp/h15/metrics.png", fullPage: true });

  await page.getByTestId("value-changeFailureRate").click();
  await expect(page).toHaveURL(/rows=failure/);
  await expect(page.getByText("2 results")).toBeVisible();
  await expect(page.getByText(/Dates select deployments by when they finished/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Deployments" }).locator("tbody tr")).toHaveCount(2);
  await page.screenshot({ path: "/tmp/h15/history.png", fullPage: true });

  await page.goBack();
  await page.getByTestId("basis-changeFailureRate").click();
  await expect(page.getByText("6 results")).toBeVisible();

  await page.goto(`${page.url()}&page=99`);
  await expect(page.getByText("Page 99 is past the end (1 page).")).toBeVisible();
  await page.getByRole("link", { name: "Go to the last page" }).click();
  await expect(page.getByText("6 results")).toBeVisible();
});
