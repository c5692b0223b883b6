// Notifications end to end: the web app writes them, the deploy worker's relay delivers them to a
// local SMTP server and the fake Slack (scripts/test.ts starts both: Slack itself cannot run here),
// and a signed click from the fake Slack acts through the portal's interactivity endpoint.
import { slackClickRequest, type FakeSlackMessage } from "../lib/notify/fake-slack";
import type { ReceivedMail } from "../lib/notify/smtp-sink";
import { SandboxControlClient } from "../lib/sandbox/control-client";
import { createReadyChange, createService } from "../prisma/factories";
import { expect, fileChange, seedUser, signIn, signOut, test } from "./fixtures";
import { scaled } from "../test/timeouts";

const slackUrl = process.env.CHANGEGATE_E2E_SLACK_URL ?? "http://127.0.0.1:4693";
const mailUrl = process.env.CHANGEGATE_E2E_MAIL_URL ?? "http://127.0.0.1:4692/mail";
const signingSecret = process.env.SLACK_SIGNING_SECRET ?? "e2e-slack-signing-secret";
const sandbox = new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL ?? "http://127.0.0.1:4660");

const slackMessages = async () => ((await (await fetch(`${slackUrl}/_fake/messages`)).json()) as { messages: FakeSlackMessage[] }).messages;
const mails = async () => (await (await fetch(mailUrl)).json()) as ReceivedMail[];
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("a CAB member finds the vote in My work, by email and in Slack, and approves from Slack", async ({ page, db, baseURL }) => {
  test.setTimeout(scaled(180_000));
  const engineer = await seedUser(["ENGINEER"]);
  const member = await seedUser(["CAB_MEMBER"]);
  const slackId = `U${unique().toUpperCase()}`;
  await db.user.update({ where: { id: member.id }, data: { slackUserId: slackId } });

  await signIn(page, engineer);
  const { id, number } = await fileChange(page, engineer, { summary: `Raise the cache size ${unique()}` });
  await signOut(page);

  // In the portal: My work lists the vote, and the navigation counts what awaits (other specs' changes too).
  await signIn(page, member);
  const votes = page.getByRole("region", { name: /Votes awaiting you/ });
  await expect(votes.getByRole("link", { name: new RegExp(number) })).toBeVisible();
  const awaiting = Number((await page.getByText(/things? awaits? you\./).textContent())!.match(/^(\d+)/)![1]);
  expect(awaiting).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("nav-count-work")).toHaveText(String(awaiting));
  await page.screenshot({ path: "test-results/e2e-artifacts/my-work-cab.png", fullPage: true });

  // By email (the worker's relay, through SMTP): the subject names the change.
  await expect.poll(async () => (await mails()).some((m) => m.to.includes(member.email) && m.subject.includes(number)), { timeout: scaled(30_000) }).toBe(true);

  // In Slack, a direct message with an Approve button; the click is signed as Slack signs it.
  let dm: FakeSlackMessage | undefined;
  await expect.poll(async () => (dm = (await slackMessages()).find((m) => m.channel === slackId && m.text.includes(number))) !== undefined, { timeout: scaled(30_000) }).toBe(true);
  const approve = dm!.blocks.flatMap((b) => (b.elements as { action_id: string; value?: string }[] | undefined) ?? []).find((e) => e.action_id === "cg:approve");
  expect(approve?.value).toBeDefined();
  const click = slackClickRequest(slackUrl, { signingSecret, userId: slackId, actionId: "cg:approve", value: approve!.value, message: dm! });
  const answer = await fetch(`${baseURL}/api/slack/interactions`, { method: "POST", headers: click.headers, body: click.body });
  expect(answer.status).toBe(200);
  // The message itself now says what happened.
  await expect.poll(async () => (await slackMessages()).find((m) => m.ts === dm!.ts)?.text ?? "", { timeout: scaled(15_000) }).toContain("via Slack");

  // The change records the vote, via Slack, and it no longer awaits this member.
  await page.goto(`/changes/${id}`);
  await expect(page.getByText(/via Slack/).first()).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("region", { name: /Votes awaiting you/ }).getByRole("link", { name: new RegExp(number) })).toHaveCount(0);
});

test("an automatic rollback reaches the requester's inbox and the service's Slack channel with its reason", async ({ page, db }) => {
  test.setTimeout(scaled(150_000));
  const engineer = await seedUser(["ENGINEER"]);
  const name = `e2e-notify-${unique()}`;
  const channel = `#deploys-${unique()}`;
  await sandbox.createFunction({ name, versions: 3, alias: "live", aliasVersion: "2", requestRate: 20 });
  const service = await createService(db, { functionName: name, alias: "live", onCallUserId: engineer.id, name: `svc-${name}` });
  await db.service.update({ where: { id: service.id }, data: { gateRules: { validation: { minutes: 1 } }, slackChannel: channel } });
  const cr = await createReadyChange(db, { serviceId: service.id, requesterId: engineer.id, targetVersion: "3", strategy: "Canary10Percent5Minutes", summary: `Ship ${name} v3` });
  await sandbox.injectFault(name, "3", { errorRate: 0.25 });

  await signIn(page, engineer);
  await page.goto(`/changes/${cr.id}`);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await page.waitForURL(/\/deployments\//);
  await expect(page.getByTestId("deployment-state")).toHaveText("Rolled back", { timeout: scaled(60_000) });

  // The inbox: unread, titled with the change, with the gate's reason.
  await page.goto("/inbox");
  const entry = page.getByTestId("inbox-entry").filter({ hasText: `Rolled back ${cr.number}` });
  await expect(entry).toBeVisible();
  await expect(entry).toHaveAttribute("data-unread", "true");
  await expect(entry).toContainText(/gate breached/i);
  await page.screenshot({ path: "test-results/e2e-artifacts/inbox-rollback.png", fullPage: true });

  // The service's channel hears it too, with the same reason.
  await expect
    .poll(async () => (await slackMessages()).find((m) => m.channel === channel && m.text.includes(`Rolled back ${cr.number}`))?.text ?? "", { timeout: scaled(30_000) })
    .toMatch(/gate breached/i);
});
