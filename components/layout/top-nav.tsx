import Link from "next/link";
import { can, type Actor } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/domain/vocabulary";
import { NAV_LINKS } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export interface NavCounts {
  work: number;
  unread: number;
}

export function TopNav({ actor, counts }: { actor: Actor; counts: NavCounts }) {
  const links = NAV_LINKS.filter((l) => !l.permission || can(actor, l.permission));
  return (
    <header className="bg-slate-900 text-white">
      <nav aria-label="Main" className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-2.5">
        <Link href="/" className="font-semibold tracking-tight">
          Changegate
        </Link>
        <ul className="flex flex-1 flex-wrap gap-4 text-sm">
          {links.map((l) => {
            const n = l.count ? counts[l.count] : 0;
            return (
              <li key={l.href}>
                <Link href={l.href} className="text-slate-300 hover:text-white" aria-label={n > 0 ? `${l.label} (${n})` : undefined}>
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
        <div className="text-right text-sm leading-tight">
          <div data-testid="signed-in-as">{actor.name}</div>
          <div className="text-xs text-slate-400">
            {actor.roles.map((r) => ROLE_LABELS[r]).join(", ")} ·{" "}
            <Link href="/settings/notifications" className="hover:text-white">
              Notifications
            </Link>
          </div>
        </div>
        <SignOutButton />
      </nav>
    </header>
  );
}
