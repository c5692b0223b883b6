// Accessibility: axe-core on every main page as each role (engineer, CAB member, manager, admin)
// finds no serious or critical violation; and a CR can be filed with the keyboard alone.
import { RISK_QUESTIONS } from "../lib/domain/risk-assessment";
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, seedService, signIn, test } from "./fixtures";
import { openPage, seedMainPages } from "./support/main-pages";
import { scaled } from "../test/timeouts";

let seeded: ReturnType<typeof seedMainPages> | undefined;

for (const role of ["engineer", "cab", "manager", "admin"] as const) {
  test(`every main page has no serious or critical accessibility violation for the ${role}`, async ({ page, db }) => {
    test.setTimeout(scaled(300_000));
    const { users, pages } = await (seeded ??= seedMainPages(db));
    await signIn(page, users[role]);
    const found: string[] = [];
    // Pages outside the role's permissions are visited too: the refusal page must be accessible as well.
    for (const p of pages) {
      await openPage(page, p.path);
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      for (const v of violations.filter((x) => x.impact === "serious" || x.impact === "critical")) {
        found.push(`${p.name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      }
    }
    expect(found, found.join("\n")).toEqual([]);
  });
}

/** Presses Tab until the locator has focus (at most `max` presses). */
async function tabTo(page: Page, target: Locator, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test("an engineer files a CR with the keyboard alone", async ({ page, db }) => {
  test.setTimeout(scaled(120_000));
  const { users } = await (seeded ??= seedMainPages(db));
  const engineer = users.engineer;
  const service = await seedService(engineer.id);
  await signIn(page, engineer);
  await openPage(page, "/changes/new");
  const summary = `Keyboard-only change ${Date.now()}`;
  const type = async (label: string | RegExp, text: string, exact = true) => {
    await tabTo(page, page.getByLabel(label, { exact }));
    // The field Tab reached is in view, not under the form's sticky submit bar.
    const covered = await page.evaluate(() => {
      const field = document.activeElement?.getBoundingClientRect();
      const bar = document.querySelector("form .sticky")?.getBoundingClientRect();
      return !!field && !!bar && field.bottom > bar.top && field.top < bar.bottom;
    });
    expect(covered, `${String(label)} is under the sticky submit bar`).toBe(false);
    await page.keyboard.type(text);
  };
  await type("Summary", summary);
  await type("Description and justification", "Checkout times out under load");
  // A radio group is one tab stop: Space answers its first option.
  for (const q of RISK_QUESTIONS) {
    await tabTo(page, page.getByRole("group", { name: q.label }).getByRole("radio").first());
    await page.keyboard.press("Space");
  }
  await type("Users affected", "Checkout customers");
  await type("Rollback plan", "Switch the alias back");
  await type("Step 1", "Shift traffic by canary");
  await type("Minutes for step 1", "15");
  await type("What you watch after deploying, and for how long", "Error rate for 1 hour");
  await type("Commands or steps to undo the change", "aws lambda update-alias --function-version 1");
  // A native select picks an option by typing its start while focused.
  await type("Service", service.name);
  await expect(page.getByLabel("Service", { exact: true })).toHaveValue(service.id);
  await expect(page.getByLabel("Version to deploy")).toHaveJSProperty("tagName", "SELECT");
  await type("Version to deploy", "2");
  await expect(page.getByLabel("Version to deploy")).toHaveValue("2");
  await type("On-call engineer", engineer.name);
  await expect(page.getByLabel("On-call engineer")).toHaveValue(engineer.id);
  await tabTo(page, page.getByRole("button", { name: "Submit for approval" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: summary })).toBeVisible();
});
