import type { Page } from "@playwright/test";
import { createReadyChange } from "../prisma/factories";
import { expect, fileChange, meetingNow, seedService, seedUser, signIn, test, type SeededUser, signOut } from "./fixtures";
import { scaled } from "../test/timeouts";

async function meetingUrl(page: Page) {
  const href = await page.getByRole("link", { name: /CAB meeting of/ }).getAttribute("href");
  expect(href).toMatch(/^\/cab\/.+/);
  return href!;
}

async function voteInMeeting(page: Page, member: SeededUser, meeting: string, number: string, opts: { start?: boolean; screenshot?: string } = {}) {
  await signIn(page, member);
  await page.goto(meeting);
  if (opts.start) {
    // The first member takes the chair and starts the meeting (it is inside its slot); only then do votes here count as in-meeting.
    await page.getByRole("button", { name: "Take the chair" }).click();
    await expect(page.getByTestId("meeting-chair")).toContainText(member.name);
    await page.getByRole("button", { name: "Start meeting" }).click();
    await expect(page.getByText(/Running since \d\d:\d\d, chaired by .+: votes cast here count as in-meeting votes/)).toBeVisible();
  }
  const item = page.getByTestId(`agenda-${number}`);
  // The rule that decides the change is stated in the item, before its vote buttons.
  await expect(item.getByRole("group", { name: "Approval rule" })).toContainText("Needs 2 CAB approvals from 2 different seats cast while the CAB meeting runs");
  await item.getByRole("group", { name: `Vote on ${number}` }).getByRole("button", { name: "Approve" }).click();
  // The vote lands in the item's vote list (the form itself goes away once the vote decides the change).
  await expect(item.getByRole("list", { name: `Votes on ${number}` }).getByText(member.name)).toBeVisible();
  if (opts.screenshot) await page.screenshot({ path: opts.screenshot, fullPage: true });
  await signOut(page);
}

test("a Medium CR is approved by two CAB members from different seats in the meeting page", async ({ page, db }) => {
  // Four sign-ins on a shared 2-core machine: more than the default minute.
  test.setTimeout(scaled(180_000));
  const engineer = await seedUser(["ENGINEER"]);
  const lead = await seedUser(["CAB_MEMBER", "ENGINEER"]);
  const sre = await seedUser(["CAB_MEMBER", "SRE"]);
  await signIn(page, engineer);
  const { id, number } = await fileChange(page, engineer, { summary: `Enable compression ${Date.now()}` });
  await expect(page.getByText(/Judged by policy v\d+/)).toBeVisible();
  // The rule is on the page before anyone votes.
  const rule = page.getByRole("group", { name: "Approval rule" });
  await expect(rule).toContainText("How a Medium-risk change is approved");
  await expect(rule).toContainText("Needs 2 CAB approvals from 2 different seats cast while the CAB meeting runs, or 3 CAB approvals from 2 different seats outside a meeting.");
  await expect(rule).toContainText("One CAB rejection rejects the change until it is revised and resubmitted.");
  await page.getByRole("group", { name: "Approval rule" }).screenshot({ path: "test-results/cab-approval-rule.png" });
  await signOut(page);
  // Its meeting's slot is days away: run the votes in a meeting whose slot is now.
  const now = await meetingNow();
  await db.changeRequest.update({ where: { id }, data: { cabMeetingId: now.id } });
  const meeting = `/cab/${now.id}`;

  await voteInMeeting(page, lead, meeting, number, { start: true });
  await voteInMeeting(page, sre, meeting, number, { screenshot: "test-results/cab-meeting.png" });

  await signIn(page, engineer);
  await page.goto(`/changes/${id}`);
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Timeline" }).getByText("(Submitted → Approved)")).toBeVisible();
});

test("a High CR with CAB approval but not the CTO's is not ready and says it needs CTO approval", async ({ page, db }) => {
  const engineer = await seedUser(["ENGINEER"]);
  const lead = await seedUser(["CAB_MEMBER"]);
  const sre = await seedUser(["CAB_MEMBER", "SRE"]);
  await signIn(page, engineer);
  const { id } = await fileChange(page, engineer, { high: true, summary: `Rotate signing key ${Date.now()}` });
  const cr = await db.changeRequest.findUniqueOrThrow({ where: { id } });
  // The CAB's two in-meeting approvals, as the meeting page records them while a meeting runs.
  const running = await meetingNow({ started: true });
  for (const m of [
    { u: lead, roles: ["CAB_MEMBER"] as const },
    { u: sre, roles: ["CAB_MEMBER", "SRE"] as const },
  ]) {
    await db.approval.create({ data: { crId: id, userId: m.u.id, roles: [...m.roles], decision: "APPROVE", round: cr.approvalRound, meetingId: running.id } });
  }
  await page.reload();
  const checklist = page.getByRole("list", { name: "Approval matrix checklist" });
  await expect(checklist.locator("li[data-done=true]", { hasText: "CAB approval" })).toBeVisible();
  await expect(checklist.locator("li[data-done=false]", { hasText: "CTO approval" })).toBeVisible();
  await expect(page.getByTestId("readiness").getByText("needs CTO approval")).toBeVisible();
  await expect(page.getByTestId("readiness").getByText("Not ready to deploy:")).toBeVisible();
  await page.screenshot({ path: "test-results/cab-cr-page.png", fullPage: true });
});

test("the requester cannot approve their own CR, on its page or in the meeting", async ({ page }) => {
  const lead = await seedUser(["ENGINEER", "CAB_MEMBER"]);
  await signIn(page, lead);
  const { number } = await fileChange(page, lead, { summary: `Own change ${Date.now()}` });
  await expect(page.getByText("You cannot approve your own change.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await page.goto(await meetingUrl(page));
  const item = page.getByTestId(`agenda-${number}`);
  await expect(item.getByText("You cannot approve your own change.")).toBeVisible();
  await expect(item.getByRole("button", { name: "Approve" })).toHaveCount(0);
});

test("a meeting cannot be started days before its slot: the page says from when, and walking the agenda says why not", async ({ page, db }) => {
  const lead = await seedUser(["CAB_MEMBER", "ENGINEER"]);
  const engineer = await seedUser(["ENGINEER"]);
  const service = await seedService(engineer.id);
  const later = await meetingNow({ inDays: 3 });
  const ready = await createReadyChange(db, { serviceId: service.id, requesterId: engineer.id, targetVersion: "2" });
  // A Medium change awaiting the CAB on that meeting's agenda.
  const cr = await db.changeRequest.update({ where: { id: ready.id }, data: { cabMeetingId: later.id, state: "SUBMITTED", risk: "MEDIUM" } });
  await signIn(page, lead);
  await page.goto(`/cab/${later.id}`);
  await expect(page.getByText(/Not started yet\. Nobody has taken the chair yet; its chair can start it from .+ \(15 minutes before its slot\)/)).toBeVisible();
  // No in-meeting vote before it runs: the page points to the change's own page instead.
  const item = page.getByTestId(`agenda-${cr.number}`);
  await expect(item.getByText("Votes here open while the meeting runs")).toBeVisible();
  await expect(item.getByRole("link", { name: `vote on ${cr.number}'s page` })).toHaveAttribute("href", `/changes/${cr.number}`);
  // Only a chair starts it: the member takes the chair, and starting days early is refused with from when.
  await expect(page.getByRole("button", { name: "Start meeting" })).toHaveCount(0);
  await page.getByRole("button", { name: "Take the chair" }).click();
  await page.getByRole("button", { name: "Start meeting" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /can be started from 15 minutes before its slot until its planned end \(from \d\d:\d\d that day\)/ })).toBeVisible();
  await page.getByRole("button", { name: "I am present" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /^Attendance opens 15 minutes before the meeting's slot/ })).toBeVisible();
  // No agenda walk before the meeting runs.
  await expect(page.getByRole("button", { name: "Start with item 1 →" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/cab-meeting-early.png", fullPage: true });
  const row = await db.cabMeeting.findUniqueOrThrow({ where: { id: later.id } });
  expect(row).toMatchObject({ status: "SCHEDULED", startedAt: null, currentItem: null, chairId: lead.id });
  expect(await db.cabAttendance.count({ where: { meetingId: later.id } })).toBe(0);
});
