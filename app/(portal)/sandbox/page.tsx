import { SandboxPanel } from "@/components/deployments/sandbox-panel";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/session";
import { isSandboxDemo } from "@/lib/server/aws";
import { getSandboxState } from "@/lib/server/sandbox-control";
import { codeWords } from "@/lib/domain/vocabulary";
import { clearFaultsAction, controlFaultAction, versionFaultAction } from "./actions";

export const metadata = { title: "AWS sandbox" };
export const dynamic = "force-dynamic";

export default async function SandboxPage() {
  const actor = await requirePagePermission("sandbox:control", "/sandbox");
  if (!isSandboxDemo()) return <Alert tone="info">The AWS sandbox panel is only available in demo mode (CHANGEGATE_AWS=sandbox).</Alert>;
  const s = await getSandboxState(actor);
  const functions = s.functions.filter((f) => !f.hookFor).map((f) => ({ name: f.name, versions: f.versions.map((v) => v.version), aliases: f.aliases }));
  const faults = s.faults.map((f) => `${f.functionName} v${f.version}: ${[f.errorRate !== undefined && `errors ${f.errorRate * 100} %`, f.addedLatencyMs && `+${f.addedLatencyMs} ms`, f.throttleRate && `throttles ${f.throttleRate * 100} %`, f.hookFailure && `hook failure ${codeWords(f.hookFailure).toLowerCase()}`].filter(Boolean).join(", ")}`);
  const controlFaults = s.controlFaults.map((c) => `${c.operation} ${codeWords(c.kind).toLowerCase()} × ${c.remaining}${c.functionName ? ` on ${c.functionName}` : ""}`);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">AWS sandbox</h1>
      <p className="text-sm text-slate-600">Simulated time runs at ×{s.clock.scale}; now {s.clock.now.slice(11, 19)} UTC (sandbox clock).</p>
      <Card>
        <SandboxPanel functions={functions} faults={faults} controlFaults={controlFaults} actions={{ version: versionFaultAction, control: controlFaultAction, clear: clearFaultsAction }} />
      </Card>
    </div>
  );
}
