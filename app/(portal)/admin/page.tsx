import Link from "next/link";
import { redirect } from "next/navigation";
import { ADMIN_LINKS } from "@/components/layout/nav-links";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "Administration" };

export default async function AdminPage() {
  const actor = await requireActor("/admin");
  const links = ADMIN_LINKS.filter((l) => can(actor, l.permission));
  if (links.length === 0) redirect(`/forbidden?need=${encodeURIComponent(ADMIN_LINKS[0]!.permission)}`);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Administration</h1>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300 hover:shadow">
              <span className="font-medium text-indigo-700">{l.label}</span>
              <span className="mt-1 block text-sm text-slate-600">{l.about}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
