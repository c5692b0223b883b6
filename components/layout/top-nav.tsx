import Link from "next/link";
import { can, type Actor } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/domain/vocabulary";
import { ADMIN_LINKS, NAV_LINKS, type NavLink } from "./nav-links";
import { NavMenu } from "./nav-menu";
import { SignOutButton } from "./sign-out-button";

export interface NavCounts {
  work: number;
  unread: number;
}

// On a laptop one row: name, links, who is signed in. Below lg the links fold behind a Menu button;
// who is signed in and Sign out stay on the first row.
export function TopNav({ actor, counts }: { actor: Actor; counts: NavCounts }) {
  const admin = ADMIN_LINKS.some((l) => can(actor, l.permission));
  const links: NavLink[] = [...NAV_LINKS.filter((l) => !l.permission || can(actor, l.permission)), ...(admin ? [{ href: "/admin", label: "Admin" }] : [])];
  return (
    <header className="bg-slate-900 text-white">
      <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5 lg:flex-nowrap lg:gap-6">
        <Link href="/" className="font-semibold tracking-tight">
          Changegate
        </Link>
        <NavMenu>
          <ul className="flex flex-col gap-1 text-sm lg:flex-1 lg:flex-row lg:flex-wrap lg:gap-x-3 lg:gap-y-1">
            {links.map((l) => {
              const n = l.count ? counts[l.count] : 0;
              return (
                <li key={l.href}>
                  <Link href={l.href} className="block py-1 text-slate-300 hover:text-white lg:inline lg:py-0" aria-label={n > 0 ? `${l.label} (${n})` : undefined}>
                    {l.label}
                    {n > 0 && (
                      <span data-testid={`nav-count-${l.count}`} className="ml-1 rounded-full bg-indigo-500 px-1.5 py-0.5 text-xs font-semibold text-white">
                        {n}
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        </NavMenu>
        <div className="order-1 ml-auto flex min-w-0 items-center gap-4 lg:order-none lg:ml-0">
          <div className="min-w-0 text-right text-sm leading-tight">
            <div data-testid="signed-in-as" className="truncate" title={actor.roles.map((r) => ROLE_LABELS[r]).join(", ")}>
              {actor.name}
            </div>
            <div className="text-xs text-slate-300">
              {/* Beside the one-line navigation (lg and up) the roles would push its last entries onto a second line; the name's tooltip and Settings say them there. */}
              <span className="hidden sm:inline lg:hidden">{actor.roles.map((r) => ROLE_LABELS[r]).join(", ")} · </span>
              <Link href="/settings" className="hover:text-white">
                Settings
              </Link>
              {" · "}
              <Link href="/settings/notifications" className="hover:text-white">
                Notifications
              </Link>
            </div>
          </div>
          <SignOutButton />
        </div>
      </nav>
    </header>
  );
}
