import type { ReactNode } from "react";
import { TopNav } from "@/components/layout/top-nav";
import { WorkerBanner } from "@/components/layout/worker-banner";
import { requireActor } from "@/lib/auth/session";
import { navCounts } from "@/lib/server/my-work";
import { cachedWorkerHealth } from "@/lib/server/worker-health";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const [counts, workers] = await Promise.all([navCounts(actor), cachedWorkerHealth()]);
  return (
    <>
      <TopNav actor={actor} counts={counts} />
      <WorkerBanner health={workers} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
