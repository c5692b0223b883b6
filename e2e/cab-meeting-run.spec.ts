// Running a CAB meeting from its page (issue 13): the chair takes the chair and starts it at its slot;
// the agenda timer runs; a member sees each change's essentials and the rule before voting inline;
// only the chair closes, behind a confirmation; the minutes download as Markdown. The retrospective
// lists each incident with its emergency change, the verbal approval and the deployment's outcome.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { createDeployment, createReadyChange } from "../prisma/factories";
import { expect, meetingNow, seedService, seedUser, signIn, signOut, test } from "./fixtures";

/** Screenshots at a laptop's and a phone's width; neither may scroll sideways (agenda titles wrap). */
async function shoot(page: Page, name: string) {
  for (const [w, h] of [[1366, 768], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    await page.screenshot({ path: `test-results/cab-meeting/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test("the chair starts the meeting at its slot, a member votes inline seeing the rule, the chair closes after confirming, and the minutes download", async ({ page, db }) => {
  test.setTimeout(240_000);
  const engineer = await seedUser(["ENGINEER"]);
  const manager = await seedUser(["ENG_MANAGER"]);
  const chair = await seedUser(["CAB_MEMBER", "ENGINEER"]);
  const member = await seedUser(["CAB_MEMBER", "SRE"]);
  const service = await seedService(engineer.id);
  const meeting = await meetingNow();
  // A Medium change awaiting the CAB on this meeting's agenda, with a long title (it must wrap, not overlap its labels).
  const ready = await createReadyChange(db, { serviceId: service.id, requesterId: engineer.id, targetVersion: "2", summary: `Move the checkout service's session cache to the new cluster with a longer eviction window ${Date.now()}` });
  const cr = await db.changeRequest.update({ where: { id: ready.id }, data: { cabMeetingId: meeting.id, state: "SUBMITTED", risk: "MEDIUM", submittedAt: new Date() } });
  // An emergency change made during an incident 8 days ago, its retrospective overdue: verbal approval and a rolled-back deployment.
  const eight = new Date(Date.now() - 8 * 86_400_000);
  const incident = await db.incident.create({ data: { severity: "SEV1", title: `Checkout errors after the TLS rotation ${Date.now()}`, description: "5xx spike", declaredById: engineer.id, declaredAt: eight } });
  const fix = await createReadyChange(db, { serviceId: service.id, requesterId: engineer.id, targetVersion: "3", summary: "Hotfix: restore the old certificate chain" });
  await db.changeRequest.update({ where: { id: fix.id }, data: { emergency: true, retroStatus: "PENDING", incidentId: incident.id, state: "DEPLOYED", createdAt: eight, submittedAt: eight } });
  await db.approval.create({ data: { crId: fix.id, userId: manager.id, kind: "VERBAL_EMERGENCY", decision: "APPROVE", roles: ["ENG_MANAGER"], round: fix.approvalRound, comment: "Go ahead, roll back the chain", createdAt: new Date(eight.getTime() + 10 * 60_000) } });
  await createDeployment(db, { serviceId: service.id, crId: fix.id, startedAt: new Date(eight.getTime() + 15 * 60_000), outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC" });

  // The chair takes the chair and starts the meeting: it is inside its slot.
  await signIn(page, chair);
  await page.goto(`/cab/${meeting.id}`);
  await expect(page.getByText("Nobody has taken the chair yet; its chair can start it now.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start meeting" })).toHaveCount(0);
  await page.getByRole("button", { name: "Take the chair" }).click();
  await expect(page.getByTestId("meeting-chair")).toHaveText(`· Chair: ${chair.name}`);
  await page.getByRole("button", { name: "Start meeting" }).click();
  await expect(page.getByText(`chaired by ${chair.name}: votes cast here count as in-meeting votes`)).toBeVisible();
  // The timer: the first part of the seed's agenda, its 15 minutes running.
  const timer = page.getByRole("region", { name: "Agenda timer" });
  await expect(timer).toContainText("Now: Review upcoming changes");
  await expect(timer.getByTestId("part-clock")).toHaveText(/^\d+:\d\d used, \d+:\d\d left of 15 min$/);
  await expect(timer.getByRole("list", { name: "Agenda parts" }).getByRole("listitem")).toHaveText([/15 min/, /20 min/, /15 min/, /10 min/]);
  await page.getByRole("button", { name: "Start with item 1 →" }).click();
  await expect(page.getByTestId(`agenda-${cr.number}`)).toHaveAttribute("aria-current", "true");
  await signOut(page);

  // A member: no start or close controls; the change's essentials and the rule, then the buttons.
  await signIn(page, member);
  await page.goto(`/cab/${meeting.id}`);
  await expect(page.getByRole("button", { name: /Close meeting/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start meeting" })).toHaveCount(0);
  const item = page.getByTestId(`agenda-${cr.number}`);
  await expect(item.getByText("Planned window")).toBeVisible();
  await expect(item.getByText("Readiness besides approval")).toBeVisible();
  await expect(item.getByText("No votes yet.")).toBeVisible();
  const rule = item.getByRole("group", { name: "Approval rule" });
  await expect(rule).toContainText("How a Medium-risk change is approved");
  await expect(rule).toContainText("Needs 2 CAB approvals from 2 different seats cast while the CAB meeting runs");
  // The retrospective: the incident, its emergency change, the verbal approval and the outcome.
  const retro = page.getByRole("region", { name: `Incident ${incident.title}` });
  await expect(retro).toContainText(`${manager.name}`);
  await expect(retro).toContainText("“Go ahead, roll back the chain”");
  await expect(retro).toContainText("Rolled back (automatic)");
  await expect(retro.getByRole("list", { name: `Emergency changes for ${incident.title}` })).toContainText(fix.number);
  const form = item.getByRole("group", { name: `Vote on ${cr.number}` });
  await form.getByLabel(/Comment/).fill("Rollback is rehearsed");
  await form.getByRole("button", { name: "Approve" }).click();
  await expect(item.getByRole("list", { name: `Votes on ${cr.number}` })).toContainText(`${member.name} (SRE) approved: “Rollback is rehearsed”`);
  await shoot(page, "member-running");
  await signOut(page);

  // The chair: a note, then closing asks first; Cancel keeps the meeting open.
  await signIn(page, chair);
  await page.goto(`/cab/${meeting.id}`);
  await page.getByLabel("Note for the minutes").fill("Action: SRE to share the cache dashboard by Friday.");
  await page.getByRole("button", { name: "Add to minutes" }).click();
  const minutes = page.getByRole("list", { name: "Minutes entries" });
  await expect(minutes).toContainText(`Note (${chair.name}): Action: SRE to share the cache dashboard by Friday.`);
  await expect(minutes).toContainText(`${member.name} (SRE) approved ${cr.number}: “Rollback is rehearsed”`);
  await shoot(page, "chair-running");
  await page.getByRole("button", { name: "Close meeting…" }).click();
  const dialog = page.getByRole("dialog", { name: "Close the meeting?" });
  await expect(dialog).toContainText("Votes, attendance and notes are no longer taken here");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await db.cabMeeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe("IN_PROGRESS");
  await page.getByRole("button", { name: "Close meeting…" }).click();
  await dialog.getByRole("button", { name: "Close meeting" }).click();
  await expect(page.getByText("Closed", { exact: true }).first()).toBeVisible();
  await expect(minutes).toContainText(`Meeting closed by ${chair.name} (Engineering lead), chair.`);

  // The minutes as a Markdown file.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download minutes (Markdown)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^cab-minutes-\d{4}-\d\d-\d\d\.md$/);
  const md = await readFile((await file.path())!, "utf8");
  expect(md).toContain(`- Chair: ${chair.name}`);
  expect(md).toContain(`| ${cr.number} |`);
  expect(md).toMatch(new RegExp(`Meeting started by ${chair.name} \\(Engineering lead\\), chair\\.`));
  expect(md).toContain(`${member.name} (SRE) approved ${cr.number}: “Rollback is rehearsed”`);
  expect(md).toContain("Action: SRE to share the cache dashboard by Friday.");
  expect(md).toContain(`Meeting closed by ${chair.name} (Engineering lead), chair.`);
  await shoot(page, "chair-closed");
});
