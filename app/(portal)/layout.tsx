import type { ReactNode } from "react";
import { TopNav } from "@/components/layout/top-nav";
import { requireActor } from "@/lib/auth/session";
import { navCounts } from "@/lib/server/my-work";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const counts = await navCounts(actor);
  return (
    <>
      <TopNav actor={actor} counts={counts} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
