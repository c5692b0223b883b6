import { silentForWords, type WorkerHealth } from "@/lib/domain/worker-health";

// Shown on every portal page when no deploy worker is alive (issue 12): deployments then stall
// without any other sign, so everyone is told, and whoever runs the portal is told where to look.
export function WorkerBanner({ health }: { health: WorkerHealth | undefined }) {
  if (!health || health.state === "alive") return null;
  const heard = health.state === "stale" ? `No deploy worker has been heard from for ${silentForWords(health.silentForMs)}.` : "No deploy worker has started on this portal yet.";
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50 text-amber-950">
      <p className="mx-auto max-w-7xl px-4 py-2 text-sm">
        <strong className="font-semibold">Deployments are not advancing.</strong> {heard} Running deployments stay where they are
        and continue when a worker is back; new ones wait. Whoever runs Changegate: check the deploy worker process
        (<code className="text-xs">npm start</code> restarts it; <a className="underline" href="/api/health">/api/health</a> shows its state).
      </p>
    </div>
  );
}
