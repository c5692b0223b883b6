// Every main page at a laptop's 1366 × 768 and a phone's 390 × 844, as the person it is for: a
// screenshot of each (test-results/e2e-artifacts/layout-<page>-<width>.png, to look at), nothing
// wider than the window (naming the element that is), and no raw enum codes in the words shown.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { openPage, seedMainPages, type RoleName } from "./support/main-pages";
import { scaled } from "../test/timeouts";

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;

/** The elements that stick out past the window's right edge and are not inside a scrolling box. */
function overflowing(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const scrolls = (el: Element) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
    const selector = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const cls = [...e.classList].slice(0, 3).map((c) => `.${CSS.escape(c)}`).join("");
        parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${cls}`);
      }
      return parts.join(" > ");
    };
    const out: string[] = [];
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 1) continue;
      let inside = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) inside = true;
      // Report the outermost offender only, not each of its children.
      if (!inside && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1 && el.parentElement !== document.body))
        out.push(`${selector(el)} (right edge ${Math.round(r.right)} px, window ${width} px)`);
    }
    return out.length > 0 ? out : [`document is ${document.documentElement.scrollWidth} px wide, window ${width} px`];
  });
}

/** Upper-case codes such as MANUAL_ROLLBACK in the page's words (code and mono text aside: ids, commands, function names). */
function rawCodes(page: Page) {
  return page.evaluate(() => {
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.querySelector("main") ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest("textarea, pre, code, script, style, .font-mono, [hidden]")) continue;
      for (const m of n.textContent?.match(/\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b/g) ?? []) found.add(m);
    }
    return [...found];
  });
}

// Seeded once for the file: each test signs in as one role at one width.
let seeded: ReturnType<typeof seedMainPages> | undefined;

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width} × ${viewport.height}`, () => {
    test.use({ viewport });
    for (const role of ["engineer", "manager", "cab", "admin"] as const) {
      test(`the ${role}'s main pages fit the window, in words, with a screenshot of each`, async ({ page, db }) => {
        test.setTimeout(scaled(240_000));
        const { users, pages } = await (seeded ??= seedMainPages(db));
        await signIn(page, users[role]);
        const failures: string[] = [];
        for (const p of pages.filter((x) => x.as === role)) {
          await openPage(page, p.path);
          await page.screenshot({ path: `test-results/e2e-artifacts/layout-${p.name}-${viewport.width}.png`, fullPage: true });
          for (const o of await overflowing(page)) failures.push(`${p.name} at ${viewport.width} px: ${o}`);
          for (const c of await rawCodes(page)) failures.push(`${p.name} at ${viewport.width} px shows the code ${c}`);
        }
        expect(failures, failures.join("\n")).toEqual([]);
      });
    }
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the navigation folds behind a Menu button that opens and closes from the keyboard", async ({ page, db }) => {
  const { users } = await (seeded ??= seedMainPages(db));
  await signIn(page, users.manager);
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "History" })).toBeHidden();
  await menu.focus();
  // Until the page has hydrated the button does nothing: press again until it opens.
  await expect(async () => {
    if ((await menu.getAttribute("aria-expanded")) === "false") await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true", { timeout: scaled(1_000) });
  }).toPass();
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: /^My work/ })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await page.keyboard.press("Space");
  await nav.getByRole("link", { name: "History" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/history/);
  // Following a link folds the menu again.
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await page.screenshot({ path: "test-results/e2e-artifacts/layout-nav-closed-390.png" });
  await menu.click();
  await page.screenshot({ path: "test-results/e2e-artifacts/layout-nav-open-390.png" });
  });
});
