// The emergency path through the browser: an engineer declares a SEV-1 and files the emergency
// change; an engineering manager records the verbal approval; the change may deploy at once and
// waits for the CAB's retrospective approval.
import { expect, seedService, seedUser, signIn, test, signOut } from "./fixtures";

test("SEV-1 → emergency change → verbal approval → ready at once, retrospective pending", async ({ page, db }) => {
  const engineer = await seedUser(["ENGINEER"]);
  const manager = await seedUser(["ENG_MANAGER"]);
  const cabMember = await seedUser(["CAB_MEMBER"]);
  const service = await seedService(engineer.id);
  const title = `Checkout returns 500s ${Date.now()}`;

  await signIn(page, engineer);
  await page.getByRole("link", { name: "Incidents" }).click();
  await page.getByLabel("Severity").selectOption("SEV1");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Error rate 12 % on checkout since 10:02");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByRole("list", { name: "Incident timeline" })).toContainText("declared a SEV-1 incident");

  // Bad input first: the form names the field and nothing is created.
  await page.getByRole("button", { name: "Create emergency change" }).click();
  await expect(page.getByText("Summary needs at least 5 characters", { exact: true })).toBeVisible();
  await expect(page.getByText("Rollback plan is required")).toBeVisible();

  await page.getByLabel("Summary").fill("Roll forward the checkout fix");
  await page.getByLabel("Service").selectOption(service.id);
  // A published version of the service's function (the sandbox has 1–12; the alias serves 1).
  await page.getByLabel("Version to deploy").fill("3");
  await page.getByLabel("Rollback plan").fill("Shift the alias back to version 1");
  await page.getByRole("button", { name: "Create emergency change" }).click();
  await expect(page.getByRole("heading", { name: "Roll forward the checkout fix" })).toBeVisible();
  const crUrl = page.url();
  const panel = page.getByTestId("emergency-panel");
  await expect(panel).toContainText(title);
  await expect(panel).toContainText("Waiting for an engineering manager");
  // The requester cannot record the approval: the form is not there for them.
  await expect(page.getByRole("button", { name: "Record verbal approval" })).toHaveCount(0);
  await expect(page.getByText("Not ready to deploy:")).toBeVisible();
  await page.screenshot({ path: "test-results/emergency-cr-before.png", fullPage: true });

  await signOut(page);
  await signIn(page, manager);
  await page.goto(crUrl);
  await page.getByLabel("What you said").fill("Approved on the incident bridge: ship the fix now");
  await page.getByRole("button", { name: "Record verbal approval" }).click();
  await expect(panel).toContainText(`${manager.name} at`);
  await expect(panel).toContainText("Approved on the incident bridge");
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Ready: this change may deploy now.")).toBeVisible();
  // The checklist follows the emergency path, not the High-risk matrix it is exempt from.
  const checklist = page.getByRole("list", { name: "Approval matrix checklist" });
  await expect(checklist).toContainText("Engineering manager's verbal approval");
  await expect(checklist).toContainText("CAB retrospective approval (after the deploy)");
  await expect(checklist).not.toContainText("CTO approval");
  await expect(panel).toContainText("pending");
  await expect(panel).toContainText("CAB review");
  await page.screenshot({ path: "test-results/emergency-cr-approved.png", fullPage: true });

  // The incident timeline documents the change and the approval; the count awaits the CAB.
  await page.getByRole("link", { name: new RegExp(title) }).click();
  const timeline = page.getByRole("list", { name: "Incident timeline" });
  await expect(timeline).toContainText("filed emergency change");
  await expect(timeline).toContainText("gave verbal approval");
  await page.getByRole("link", { name: "Incidents", exact: true }).click();
  await expect(page.getByText("Awaiting retrospective approval")).toBeVisible();
  const cr = await db.changeRequest.findFirstOrThrow({ where: { incident: { title } } });
  expect(cr.retroStatus).toBe("PENDING");
  await expect(page.getByRole("link", { name: cr.number })).toBeVisible();
  await page.screenshot({ path: "test-results/incidents.png", fullPage: true });

  // It is on the next CAB meeting's agenda, in the incident retrospective under its incident.
  expect(cr.cabMeetingId).not.toBeNull();
  await page.goto(`/cab/${cr.cabMeetingId}`);
  await expect(page.getByRole("list", { name: `Emergency changes for ${title}` })).toContainText(cr.number);
  await page.screenshot({ path: "test-results/cab-retro.png", fullPage: true });

  // Its meeting is days away and not running, so the meeting page takes no vote on it yet: it sends
  // a CAB member to the change's page, where the retrospective vote is cast out of meeting.
  await signOut(page);
  await signIn(page, cabMember);
  await page.goto(`/cab/${cr.cabMeetingId}`);
  const item = page.getByTestId(`agenda-${cr.number}`);
  await expect(item.getByText("Votes here open while the meeting runs")).toBeVisible();
  await expect(page.getByRole("link", { name: `Retrospective vote on ${cr.number}` })).toHaveCount(0);
  await page.screenshot({ path: "test-results/cab-retro-waiting.png", fullPage: true });
  await item.getByRole("link", { name: `vote on ${cr.number}'s page` }).click();
  await expect(page).toHaveURL(crUrl);
  const form = page.getByRole("form", { name: "Retrospective vote" });
  await form.getByLabel("Decision").selectOption("REJECT");
  await form.getByRole("button", { name: "Cast retrospective vote" }).click();
  await expect(form.getByText("Say why you reject this change").first()).toBeVisible();
  await form.getByLabel("Comment (required to reject)").fill("Fix was right; rollback plan was thin");
  await form.getByLabel("Decision").selectOption("APPROVE");
  await form.getByRole("button", { name: "Cast retrospective vote" }).click();
  await expect(page.getByTestId("emergency-panel")).toContainText(`${cabMember.name}: approve`);
  await page.screenshot({ path: "test-results/cab-retro-voted.png", fullPage: true });
});
