import type { Permission } from "@/lib/auth/permissions";

// The portal's navigation; an entry shows only to those whose roles grant its permission. `count`
// names which of the person's numbers (see navCounts) the entry shows beside its label.
export interface NavLink {
  href: string;
  label: string;
  permission?: Permission;
  count?: "work" | "unread";
}

export const NAV_LINKS: NavLink[] = [
  { href: "/", label: "My work", count: "work" },
  { href: "/inbox", label: "Inbox", count: "unread" },
  { href: "/changes", label: "Changes" },
  { href: "/history", label: "History", permission: "history:view" },
  { href: "/metrics", label: "Metrics", permission: "history:view" },
  { href: "/calendar", label: "Calendar", permission: "history:view" },
  { href: "/cab", label: "CAB" },
  { href: "/incidents", label: "Incidents" },
  { href: "/services", label: "Deployments" },
  { href: "/flags", label: "Flags" },
  { href: "/sandbox", label: "Sandbox", permission: "sandbox:control" },
];

/**
 * The administration pages: one "Admin" entry in the main navigation (sixteen entries did not fit
 * one line at 1366 px) and tabs across the admin pages. `about` is what the admin landing page says
 * each is for.
 */
export interface AdminLink extends NavLink {
  permission: Permission;
  about: string;
}

export const ADMIN_LINKS: AdminLink[] = [
  { href: "/admin/users", label: "Users", permission: "admin:users", about: "People, their roles, and who may sign in." },
  { href: "/admin/services", label: "Services", permission: "admin:services", about: "The Lambda functions and ECS services Changegate deploys, their gates and alarms; import from a SAM template." },
  { href: "/admin/tokens", label: "Tokens", permission: "admin:tokens", about: "CI tokens pipelines use to open changes, report gate results and deploy." },
  { href: "/admin/freeze", label: "Freeze", permission: "admin:freeze", about: "Change freezes: windows in which nothing deploys without an emergency change." },
  { href: "/admin/policy", label: "Policy", permission: "admin:policy", about: "The approval matrix: who approves each risk level, required tests, deployment windows, the CAB." },
  { href: "/admin/outbox", label: "Deliveries", permission: "admin:outbox", about: "Email and Slack notifications that failed or are being retried." },
];
