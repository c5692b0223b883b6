// The portal's main pages with the data that fills them, for the layout and accessibility specs:
// one person per role, a service with a filed CR, a finished deployment that was rolled back (its
// timeline holds the orchestrator's events) and a CAB meeting.
import type { Page } from "@playwright/test";
import type { PrismaClient, Role } from "../../generated/prisma/client";
import { createDeployment, createReadyChange } from "../../prisma/factories";
import { meetingNow, seedService, seedUser, type SeededUser } from "../fixtures";
import { scaled } from "../../test/timeouts";

export type RoleName = "engineer" | "cab" | "manager" | "admin";
export const ROLE_SETS: Record<RoleName, Role[]> = {
  engineer: ["ENGINEER"],
  cab: ["CAB_MEMBER", "SRE"],
  manager: ["ENG_MANAGER"],
  admin: ["ADMIN"],
};

export interface MainPage {
  name: string;
  path: string;
  /** Who the layout spec visits it as: the person it is for. */
  as: RoleName;
}

export interface Seeded {
  users: Record<RoleName, SeededUser>;
  pages: MainPage[];
}

export async function seedMainPages(db: PrismaClient): Promise<Seeded> {
  const users = {
    engineer: await seedUser(ROLE_SETS.engineer),
    cab: await seedUser(ROLE_SETS.cab),
    manager: await seedUser(ROLE_SETS.manager),
    admin: await seedUser(ROLE_SETS.admin),
  };
  const service = await seedService(users.engineer.id);
  const cr = await createReadyChange(db, {
    serviceId: service.id,
    requesterId: users.engineer.id,
    targetVersion: "2",
    summary: "Raise the checkout function's memory from 512 MB to 1024 MB so that cold starts stay under the p99 budget",
  });
  const t0 = new Date(Date.now() - 3 * 3600_000);
  const at = (min: number) => new Date(t0.getTime() + min * 60_000);
  const deployment = await createDeployment(db, {
    serviceId: service.id,
    crId: cr.id,
    requesterId: users.engineer.id,
    strategy: "BLUE_GREEN",
    startedAt: t0,
    finishedAt: at(9),
    outcome: "ROLLED_BACK",
    rollbackKind: "AUTOMATIC",
    reason: "Gate breach: error rate 0.8 %, above 0.1 %",
    issueDetectedAt: at(6),
    events: [
      { at: t0, kind: "STARTED", message: "Deployment started" },
      { at: at(1), kind: "SHIFTED", message: "Version 2 gets 10 % of traffic (step 1 of 2)", data: { weight: 0.1, step: 0, simAt: at(1).toISOString() } },
      { at: at(3), kind: "VALIDATING", message: "Watching the alias for 5 min", data: { simAt: at(3).toISOString(), until: at(8).toISOString() } },
      { at: at(6), kind: "GATE_BREACHED", message: "Error rate on the new version: 0.8 %, above 0.1 %", data: { rule: "ERROR_RATE", scope: "new", periodStart: at(5).toISOString() } },
      { at: at(6), kind: "ROLLBACK_STARTED", message: "Rolling back to version 1", data: { outcome: "ROLLED_BACK" } },
      { at: at(7), kind: "ALIAS_RESTORED", message: "production is back on 1" },
      { at: at(9), kind: "ROLLED_BACK", message: "Rolled back" },
    ],
  });
  const meeting = await meetingNow({ inDays: 1 });
  // On the meeting's agenda: a High-risk change with a long title beside its risk label.
  const onAgenda = await createReadyChange(db, {
    serviceId: service.id,
    requesterId: users.engineer.id,
    targetVersion: "3",
    summary: "Move the payment-authorisation function to the arm64 architecture and raise its reserved concurrency to 200 for the sale",
  });
  await db.changeRequest.update({ where: { id: onAgenda.id }, data: { state: "SUBMITTED", risk: "HIGH", cabMeetingId: meeting.id } });
  const pages: MainPage[] = [
    { name: "my-work", path: "/", as: "engineer" },
    { name: "changes", path: "/changes", as: "engineer" },
    { name: "change", path: `/changes/${cr.id}`, as: "engineer" },
    { name: "new-change", path: "/changes/new", as: "engineer" },
    { name: "history", path: "/history", as: "manager" },
    { name: "metrics", path: "/metrics", as: "manager" },
    { name: "calendar", path: "/calendar", as: "manager" },
    { name: "cab", path: "/cab", as: "cab" },
    { name: "cab-meeting", path: `/cab/${meeting.id}`, as: "cab" },
    { name: "deployment", path: `/deployments/${deployment.id}`, as: "engineer" },
    { name: "services", path: "/services", as: "engineer" },
    { name: "service", path: `/services/${service.id}`, as: "engineer" },
    { name: "flags", path: "/flags", as: "engineer" },
    { name: "incidents", path: "/incidents", as: "engineer" },
    { name: "inbox", path: "/inbox", as: "engineer" },
    { name: "admin", path: "/admin", as: "admin" },
    { name: "admin-users", path: "/admin/users", as: "admin" },
    { name: "admin-services", path: "/admin/services", as: "admin" },
    { name: "admin-tokens", path: "/admin/tokens", as: "admin" },
    { name: "admin-freeze", path: "/admin/freeze", as: "admin" },
    { name: "admin-policy", path: "/admin/policy", as: "admin" },
    { name: "admin-outbox", path: "/admin/outbox", as: "admin" },
  ];
  return { users, pages };
}

/** Opens a page and waits until it has rendered (its main landmark and any client data). */
export async function openPage(page: Page, path: string) {
  await page.goto(path);
  await page.locator("main").waitFor();
  await page.waitForLoadState("networkidle", { timeout: scaled(5_000) }).catch(() => undefined);
}
