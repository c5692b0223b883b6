// A manager reviews deployment history: filters to one service and a month, opens a timeline,
// downloads the CSV (its rows match the table), and reads the dashboard's five metrics.
import { readFile } from "node:fs/promises";
import { createDeployment } from "../prisma/factories";
import { parseCsv } from "../lib/domain/csv";
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

test("a manager filters history, opens a timeline, downloads matching CSV and reads the dashboard", async ({ page, db }) => {
  const manager = await seedUser(["ENG_MANAGER"]);
  const service = await seedService(manager.id);
  const other = await seedService(manager.id);
  const march = (day: number, hour: number) => new Date(Date.UTC(2025, 2, day, hour));
  const ids: string[] = [];
  for (const [i, outcome] of (["SUCCEEDED", "SUCCEEDED", "ROLLED_BACK", "FAILED"] as const).entries()) {
    const startedAt = march(3 + i * 5, 9);
    const d = await createDeployment(db, {
      serviceId: service.id,
      requesterId: manager.id,
      startedAt,
      outcome,
      fromVersion: String(10 + i),
      toVersion: String(11 + i),
      rollbackKind: outcome === "ROLLED_BACK" ? "AUTOMATIC" : null,
      reason: outcome === "ROLLED_BACK" ? "Gate breach: error rate 0.8 %, above 0.1 %" : null,
      issueDetectedAt: outcome === "ROLLED_BACK" ? new Date(startedAt.getTime() + 6 * 60_000) : null,
      commitTime: new Date(startedAt.getTime() - 3 * 3600_000),
      events: [
        { at: startedAt, kind: "started", message: `Deployment of version ${11 + i} started` },
        { at: new Date(startedAt.getTime() + 60_000), kind: "traffic", message: "Shifted 10 % of traffic" },
      ],
    });
    ids.push(d.id);
  }
  await createDeployment(db, { serviceId: service.id, startedAt: new Date(Date.UTC(2025, 3, 2, 9)) }); // April: filtered out
  await createDeployment(db, { serviceId: other.id, startedAt: march(4, 9) }); // other service: filtered out

  await signIn(page, manager);
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { name: "Deployment history" })).toBeVisible();
  await page.getByLabel("Service", { exact: true }).selectOption(service.id);
  await page.getByLabel("Finished from").fill("2025-03-01");
  await page.getByLabel("Finished until").fill("2025-03-31");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`service=${service.id}.*from=2025-03-01.*to=2025-03-31`));
  await expect(page.getByText("4 results")).toBeVisible();
  const rows = page.getByRole("table", { name: "Deployments" }).locator("tbody tr");
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: "Rolled back automatically" })).toContainText("Gate breach");
  const tableIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-deployment-id")));
  expect([...tableIds].sort()).toEqual([...ids].sort());

  // Newest first: the failed deployment of 18 March opens its timeline.
  await rows.first().getByRole("link", { name: /Timeline of/ }).click();
  await expect(page.getByRole("heading", { name: `Deployment of ${service.name} 13 → 14` })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Deployment timeline" });
  await expect(timeline.getByText("Deployment of version 14 started")).toBeVisible();
  await expect(timeline.getByText("Shifted 10 % of traffic")).toBeVisible();
  await page.goBack();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = parseCsv((await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, ""));
  expect(csv[0]?.[0]).toBe("Deployment");
  expect(csv.slice(1).map((r) => r[0])).toEqual(tableIds);
  const tableOutcomes = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector("td:last-child span")?.textContent));
  expect(csv.slice(1).map((r) => r[15])).toEqual(tableOutcomes);

  // An unknown service in the URL is a message, not an error page.
  await page.goto("/history?service=no-such-service");
  await expect(page.getByText('There is no service with id "no-such-service"').first()).toBeVisible();

  await page.goto(`/metrics?from=2025-03-01&to=2025-03-31&service=${service.id}`);
  await expect(page.getByRole("heading", { name: "Delivery metrics" })).toBeVisible();
  for (const name of ["Deployment frequency", "Lead time for changes", "Deployment success rate", "Mean time to rollback", "Change failure rate"]) {
    const card = page.getByRole("region", { name });
    await expect(card).toContainText("Target");
    await expect(card).toContainText(/DORA: (Elite|High|Medium|Low|not enough data)|not a DORA metric/);
  }
  await expect(page.getByTestId("value-successRate")).toHaveText("50.0 %");
  // Four deployments are too few for a DORA level: no grade rather than "Low".
  await expect(page.getByRole("region", { name: "Change failure rate" })).toContainText("DORA: not enough data");
  await expect(page.getByRole("img", { name: /Daily deployments, stacked by outcome/ })).toBeVisible();
});
