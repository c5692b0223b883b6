// Feature flags through the browser against the AWS sandbox's SSM (time scale 60: a minute's hold is a
// second) and the deploy worker: register and propose, the CAB's approval, apply and watch the guarded
// rollout, a fault rolling it back to the last good state, and the kill switch for the on-call engineer
// only. Flags the later tests start from are seeded as a parameter in the seed's JSON plus their row.
import type { Page } from "@playwright/test";
import type { PrismaClient } from "../generated/prisma/client";
import { DEFAULT_POLICY } from "../lib/domain/policy";
import { windowStatus } from "../lib/domain/deploy-window";
import { SandboxControlClient } from "../lib/sandbox/control-client";
import { createService } from "../prisma/factories";
import { expect, seedUser, signIn, signOut, test, type SeededUser } from "./fixtures";
import { scaled } from "../test/timeouts";

const sandbox = new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL ?? "http://127.0.0.1:4660");
const SHOTS = "test-results/e2e-artifacts";
type Db = Parameters<typeof createService>[0];

const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** A Lambda function in the sandbox (alias live on version 2) and its service, gates validating for a minute. */
async function serviceFor(db: Db, onCallUserId: string) {
  const fn = `e2e-flag-${unique()}`;
  await sandbox.createFunction({ name: fn, versions: 3, alias: "live", aliasVersion: "2", requestRate: 20 });
  const service = await createService(db, { functionName: fn, alias: "live", onCallUserId, name: `svc-${fn}` });
  await db.service.update({ where: { id: service.id }, data: { gateRules: { validation: { minutes: 1 } } } });
  return { fn, service };
}

/** A flag already in SSM and registered, as registerFlag leaves an imported one. */
async function seedFlag(db: Db, serviceId: string, owner: SeededUser, c: { enabled: boolean; percentage: number; risk?: "LOW" | "MEDIUM" }) {
  const name = `flag-${unique()}`;
  const parameterName = `/features/${name}`;
  const value = JSON.stringify({ enabled: c.enabled, percentage: c.percentage, whitelist: [], description: "Seeded by e2e", createdAt: "2024-01-15T00:00:00Z", createdBy: "e2e", stickiness: "userId" });
  const p = await sandbox.putParameter({ name: parameterName, value, type: "String" });
  return db.featureFlag.create({
    data: { serviceId, name, parameterName, description: "Seeded by e2e", ownerId: owner.id, risk: c.risk ?? "LOW", enabled: c.enabled, percentage: c.percentage, allowlist: [], parameterVersion: p.version, createdBy: "e2e" },
  });
}

async function propose(page: Page, db: PrismaClient, o: { percentage: string; plan: string; hold: string; why: string }) {
  const form = page.getByRole("form", { name: "Propose a flag change" });
  await form.getByLabel("Percentage of users").fill(o.percentage);
  await form.getByLabel("Rollout plan (percentages)").fill(o.plan);
  await form.getByLabel("Hold each step (minutes)").fill(o.hold);
  await form.getByLabel("Why").fill(o.why);
  await form.getByRole("button", { name: "Propose change" }).click();
  const link = form.getByRole("link", { name: /^CR-/ });
  await expect(link).toBeVisible();
  await link.click();
  await page.waitForURL(/\/changes\//);
  const number = page.url().split("/").pop()!;
  return (await db.changeRequest.findUniqueOrThrow({ where: { number }, select: { id: true } })).id;
}

test("an engineer registers a Medium flag and proposes a rollout; the CAB approves; applied, the rollout advances", async ({ page, db }) => {
  test.setTimeout(scaled(150_000));
  const engineer = await seedUser(["ENGINEER"]);
  const { service } = await serviceFor(db, engineer.id);
  await signIn(page, engineer);
  await page.goto("/flags");
  const name = `pricing-${unique()}`;
  const reg = page.getByRole("form", { name: "Register a flag" });
  await reg.getByLabel("Service").selectOption(service.id);
  await reg.getByLabel("Name").fill(name);
  await reg.getByLabel("Description").fill("New pricing on checkout");
  await reg.getByLabel("Risk of changing it").selectOption("MEDIUM");
  await reg.getByRole("button", { name: "Register flag" }).click();
  await expect(reg.getByText("Flag registered.")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/flags-list.png`, fullPage: true });
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByTestId("flag-in-words")).toHaveText("Off: nobody gets the feature.");

  // A bad percentage is named at its field before anything is sent.
  const form = page.getByRole("form", { name: "Propose a flag change" });
  await expect(form.getByLabel("Rollout plan (percentages)")).toHaveValue("1, 5, 25, 50, 100");
  await form.getByLabel("Percentage of users").fill("150");
  await form.getByRole("button", { name: "Propose change" }).click();
  await expect(form.getByText("Percentage must be between 0 and 100")).toBeVisible();
  await expect(form.getByText("Say why the flag should change")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/flag-propose-error.png`, fullPage: true });
  const crId = await propose(page, db, { percentage: "100", plan: "5, 50, 100", hold: "2", why: "Roll out the new pricing" });
  await expect(page.getByTestId("flag-change")).toHaveText("off → on, 100 %");
  await expect(page.getByText("5 % (hold 2 min) → 50 % (hold 2 min) → 100 % (hold 2 min)")).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply", exact: true })).toBeDisabled();
  await signOut(page);

  // Two seats approved outside a meeting already; the third approval, from the browser, decides it.
  const cr = await db.changeRequest.findUniqueOrThrow({ where: { id: crId } });
  for (const roles of [["CAB_MEMBER", "SRE"], ["CAB_MEMBER", "PRODUCT"]] as const) {
    const m = await seedUser([...roles]);
    await db.approval.create({ data: { crId, userId: m.id, decision: "APPROVE", roles: [...roles], round: cr.approvalRound } });
  }
  const lead = await seedUser(["CAB_MEMBER", "ENGINEER"]);
  await signIn(page, lead);
  await page.goto(`/changes/${crId}`);
  await page.getByRole("group", { name: `Vote on ${cr.number}` }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
  await signOut(page);

  await signIn(page, engineer);
  await page.goto(`/changes/${crId}`);
  await page.screenshot({ path: `${SHOTS}/flag-cr.png`, fullPage: true });
  const apply = page.getByRole("button", { name: "Apply", exact: true });
  if (!windowStatus(DEFAULT_POLICY, "MEDIUM", new Date()).open) {
    // Medium changes go out in business hours only, flags too: the page says so.
    await expect(apply).toBeDisabled();
    await expect(page.getByRole("list", { name: "Why this change cannot deploy yet" })).toContainText(/business hours/i);
    return;
  }
  await apply.click();
  await page.waitForURL(/\/deployments\//);
  await expect(page.getByRole("heading", { name: new RegExp(`Rollout of flag ${name}`) })).toBeVisible();
  await expect(page.getByTestId("current-weight")).toHaveText("5 %", { timeout: scaled(30_000) });
  await expect(page.getByTestId("current-weight")).toHaveText("50 %", { timeout: scaled(30_000) });
  await page.screenshot({ path: `${SHOTS}/flag-rollout-live.png`, fullPage: true });
  await expect(page.getByTestId("deployment-state")).toHaveText("Succeeded", { timeout: scaled(45_000) });
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByTestId("flag-in-words")).toHaveText("On for everyone.");
});

test("a fault during a Low flag's rollout rolls it back to its last good state", async ({ page, db }) => {
  test.setTimeout(scaled(120_000));
  const engineer = await seedUser(["ENGINEER"]);
  const { fn, service } = await serviceFor(db, engineer.id);
  const flag = await seedFlag(db, service.id, engineer, { enabled: true, percentage: 5 });
  await signIn(page, engineer);
  await page.goto(`/flags/${flag.id}`);
  const crId = await propose(page, db, { percentage: "100", plan: "25, 100", hold: "5", why: "Widen to everyone" });
  await page.goto(`/changes/${crId}`);
  // Low risk: approved automatically, so it may be applied at once.
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await page.waitForURL(/\/deployments\//);
  await expect(page.getByTestId("current-weight")).toHaveText("25 %", { timeout: scaled(30_000) });
  await sandbox.injectFault(fn, "2", { errorRate: 0.6 });
  await expect(page.getByTestId("deployment-state")).toHaveText("Rolled back", { timeout: scaled(45_000) });
  await expect(page.getByTestId("flag-now")).toHaveText("on, 5 %");
  await page.screenshot({ path: `${SHOTS}/flag-rollout-rolled-back.png`, fullPage: true });
  await page.goto(`/flags/${flag.id}`);
  await expect(page.getByTestId("flag-in-words")).toContainText("On for 5 % of users");
  await expect(page.getByRole("list", { name: "Flag history" })).toContainText("Rolled back");
});

test("the kill switch turns a flag off at once for the on-call engineer; a stranger sees none; a hand edit is reported", async ({ page, db }) => {
  const [owner, onCall, stranger] = await Promise.all([seedUser(["ENGINEER"]), seedUser(["ENGINEER"]), seedUser(["ENGINEER"])]);
  const { service } = await serviceFor(db, onCall.id);
  const flag = await seedFlag(db, service.id, owner, { enabled: true, percentage: 50 });

  await signIn(page, stranger);
  await page.goto(`/flags/${flag.id}`);
  await expect(page.getByText(/The kill switch is for the requester/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Turn the flag off now" })).toHaveCount(0);
  await signOut(page);

  // Someone edits the parameter in the console: the page says so plainly.
  const hand = JSON.stringify({ enabled: true, percentage: 80, whitelist: [], description: "console", createdAt: "2024-01-15T00:00:00Z", createdBy: "ops" });
  await sandbox.putParameter({ name: flag.parameterName, value: hand });
  await signIn(page, onCall);
  await page.goto(`/flags/${flag.id}`);
  await expect(page.getByRole("status").filter({ hasText: "Changed outside Changegate:" })).toContainText("now holds on, 80 %");
  await page.screenshot({ path: `${SHOTS}/flag-detail-drift.png`, fullPage: true });
  await page.getByLabel("Reason").fill("Errors in checkout since the console edit");
  await page.getByRole("button", { name: "Turn the flag off now" }).click();
  await expect(page.getByText("The flag is off.").first()).toBeVisible();
  await expect(page.getByTestId("flag-in-words")).toHaveText("Off: nobody gets the feature.");
  const last = (await sandbox.parameterHistory(flag.parameterName)).at(-1);
  expect(JSON.parse(last!.value)).toMatchObject({ enabled: false, percentage: 80 });
  await expect(page.getByRole("list", { name: "Flag history" })).toContainText("Kill switch");
});
