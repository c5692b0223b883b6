// Odd input gets a clear 4xx from the proxy, never a 500 from deeper down: a null character in the
// address (PostgreSQL refuses \0 in text), and a server action posted from another site (Next.js
// refuses it, but as a 500).
import { expect, seedUser, signIn, test } from "./fixtures";

const NULL_MESSAGE = "The address contains a null character";
const CROSS_ORIGIN_MESSAGE = "This form was sent from another site than the portal";

test("a null character in the address gets 400 and says so, on pages and the API", async ({ page, request }) => {
  // Signed out: refused before the sign-in redirect.
  const anonymous = await request.get("/changes?q=%00", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(400);
  expect(await anonymous.text()).toContain(NULL_MESSAGE);

  const user = await seedUser(["ENG_MANAGER"]);
  await signIn(page, user);
  for (const path of ["/changes?q=%00", "/history?service=%00abc", "/changes/CR-2026-001%00", "/metrics?team=a%00b"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(res.headers()["content-type"], path).toContain("text/html");
    expect(await res.text(), path).toContain(NULL_MESSAGE);
  }
  const api = await request.get("/api/v1/changes/CR-2026-001/readiness?x=%00");
  expect(api.status()).toBe(400);
  expect(((await api.json()) as { error: string }).error).toContain(NULL_MESSAGE);

  // A literal "%00" typed into the search box arrives as %2500: an ordinary search.
  const literal = await page.request.get("/changes?q=%2500");
  expect(literal.status()).toBe(200);
});

test("a server action posted from another site gets 403 and says why", async ({ page, baseURL }) => {
  const user = await seedUser(["ENGINEER"]);
  await signIn(page, user);
  const headers = { "next-action": "00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee", "content-type": "text/plain;charset=UTF-8" };

  const forged = await page.request.post("/changes/new", { headers: { ...headers, origin: "https://evil.example" }, data: "[]" });
  expect(forged.status()).toBe(403);
  expect(((await forged.json()) as { error: string }).error).toContain(CROSS_ORIGIN_MESSAGE);

  // A no-JavaScript form post (multipart, no Next-Action header) from another site: a page saying so.
  const form = await page.request.post("/changes/new", { headers: { origin: "https://evil.example" }, multipart: { summary: "x" } });
  expect(form.status()).toBe(403);
  expect(await form.text()).toContain(CROSS_ORIGIN_MESSAGE);

  // The same post from the portal's own origin passes the proxy (an unknown action: Next's 4xx, not ours).
  const own = await page.request.post("/changes/new", { headers: { ...headers, origin: new URL(baseURL!).origin }, data: "[]" });
  expect(own.status()).toBeLessThan(500);
  expect(own.status()).not.toBe(403);
});
