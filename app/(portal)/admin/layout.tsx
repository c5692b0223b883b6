import type { ReactNode } from "react";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { ADMIN_LINKS } from "@/components/layout/nav-links";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";

// Each admin page checks its own permission (requirePagePermission); the tabs only show the way.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  const links = actor ? ADMIN_LINKS.filter((l) => can(actor, l.permission)).map(({ href, label }) => ({ href, label })) : [];
  return (
    <div className="space-y-4">
      {links.length > 0 && <AdminTabs links={links} />}
      {children}
    </div>
  );
}
