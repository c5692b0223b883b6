"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** Tabs across the administration pages (those the person may use), the current one marked. */
export function AdminTabs({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 border-b border-slate-200 px-1 text-sm">
        <li>
          <Link href="/admin" aria-current={pathname === "/admin" ? "page" : undefined} className={tab(pathname === "/admin")}>
            Overview
          </Link>
        </li>
        {links.map((l) => {
          const current = pathname === l.href || pathname.startsWith(`${l.href}/`);
          return (
            <li key={l.href}>
              <Link href={l.href} aria-current={current ? "page" : undefined} className={tab(current)}>
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

const tab = (current: boolean) =>
  `-mb-px block whitespace-nowrap border-b-2 px-3 py-2 ${current ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`;
