// The list pages' service/team/requester selects: the served HTML carries only the current choice,
// the browser loads the full lists once (GET /api/filter-options), and a signed-out fetch gets 401.
import { expect, seedService, seedUser, signIn, test } from "./fixtures";

test("filter selects load their options in the browser, not in every page", async ({ page, playwright }) => {
  const engineer = await seedUser(["ENG_MANAGER"]);
  const chosen = await seedService(engineer.id);
  const other = await seedService(engineer.id);
  await signIn(page, engineer);

  // As served: neither service is in the list page's HTML; with one chosen, only its name is.
  const plain = await (await page.request.get("/changes")).text();
  expect(plain).not.toContain(other.name);
  const filtered = await (await page.request.get(`/changes?service=${chosen.id}`)).text();
  expect(filtered).toContain(chosen.name);
  expect(filtered).not.toContain(other.name);
  const history = await (await page.request.get(`/history?service=${chosen.id}`)).text();
  expect(history).toContain(chosen.name);
  expect(history).not.toContain(other.name);

  // In the browser the select offers every service once the list has loaded, the choice still selected.
  await page.goto(`/changes?service=${chosen.id}`);
  const service = page.getByLabel("Service", { exact: true });
  await expect(service).toHaveValue(chosen.id);
  await expect(service.locator("option", { hasText: other.name })).toHaveCount(1);
  await expect(service).toHaveValue(chosen.id);
  await service.selectOption(other.id);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`service=${other.id}`));
  await expect(page.getByLabel("Service", { exact: true })).toHaveValue(other.id);
  await expect(page.getByLabel("Requester")).toContainText("Me");

  // The lists are cached by the browser for five minutes, and only for signed-in users.
  const lists = await page.request.get("/api/filter-options");
  expect(lists.headers()["cache-control"]).toBe("private, max-age=300");
  const body = (await lists.json()) as { services: { id: string; name: string }[] };
  expect(body.services).toContainEqual({ id: other.id, name: other.name });
  const anonymous = await playwright.request.newContext({ baseURL: page.url() });
  const refused = await anonymous.get("/api/filter-options", { maxRedirects: 0 });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: expect.any(String) });
  await anonymous.dispose();
});
