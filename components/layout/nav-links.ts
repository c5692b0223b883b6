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
  { href: "/admin/users", label: "Users", permission: "admin:users" },
  { href: "/admin/services", label: "Services", permission: "admin:services" },
  { href: "/admin/tokens", label: "Tokens", permission: "admin:tokens" },
  { href: "/admin/freeze", label: "Freeze", permission: "admin:freeze" },
  { href: "/admin/policy", label: "Policy", permission: "admin:policy" },
  { href: "/admin/outbox", label: "Deliveries", permission: "admin:outbox" },
];
