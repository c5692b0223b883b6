// GET /api/health as a load balancer sees it (no session) while the e2e run's deploy worker beats,
// and no "deployments are not advancing" banner on the portal's pages then.
import { expect, seedUser, signIn, test } from "./fixtures";

test("the health endpoint answers without sign-in, every part ok, and pages show no worker banner", async ({ page, request }) => {
  const res = await request.get("/api/health", { maxRedirects: 0 });
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  const body = await res.text();
  expect(JSON.parse(body)).toMatchObject({ status: "ok", web: { status: "ok" }, database: { status: "ok" }, worker: { status: "ok" } });
  // States and times only: nothing about where the database is or who connects.
  expect(body).not.toMatch(/postgres|127\.0\.0\.1|localhost|password|_app|_owner/i);

  await signIn(page, await seedUser(["ENGINEER"]));
  await page.goto("/changes");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Deployments are not advancing")).toHaveCount(0);
});
