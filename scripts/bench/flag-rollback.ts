// Flags (issue 15) beside the aliases' figure: time from an injected fault to a flag being back at
// its last good state, median of 10 guarded rollouts, on the same sandbox clock and worker as the
// deploy bench (60 s metric period at ×30), target 2 periods + 5 s as for aliases.
import type { AwsGateways } from "@/lib/aws";
import type { SandboxControlClient } from "@/lib/sandbox/control-client";
import type { BenchContext } from "./context";

export async function flagFaultToRollback(ctx: BenchContext, control: SandboxControlClient, aws: AwsGateways, opts: { scale: number; periodS: number }) {
  const { registerFlag } = await import("@/lib/server/register-flag");
  const { proposeFlagChange } = await import("@/lib/server/propose-flag-change");
  const { applyFlagChange } = await import("@/lib/server/apply-flag-change");
  const { parseParameterValue } = await import("@/lib/domain/flag-config");
  const { deployTarget, waitFor, waitTerminal } = await import("@/test/deploy-support");
  const runs = [];
  for (let i = 0; i < 10; i++) {
    const t = await deployTarget(control, { strategy: "AllAtOnce" });
    const flag = await registerFlag(t.requester, { serviceId: t.service.id, name: `bench-${Date.now().toString(36)}-${i}`, description: "Bench flag", risk: "LOW" });
    const cr = await proposeFlagChange(t.requester, { flagId: flag.id, justification: "bench", target: { enabled: true, percentage: 50, allowlist: [], rollout: [{ percentage: 10, holdMinutes: 30 }, { percentage: 50, holdMinutes: 0 }] } });
    runs.push({ t, flag, d: await applyFlagChange(t.requester, cr.id, { ssm: aws.ssm }) });
  }
  const percentage = async (name: string) => parseParameterValue((await aws.ssm.getParameter(name))!.value);
  for (const r of runs) await waitFor("flag at 10 %", async () => (await percentage(r.flag.parameterName))?.percentage === 10, 120_000);
  const results = await Promise.all(
    runs.map(async (r, i) => {
      await new Promise((res) => setTimeout(res, i * 370)); // spread the faults over the metric period
      await control.injectFault(r.t.name, "2", { errorRate: 0.05 });
      const faultSim = (await control.clock()).nowMs;
      const back = await waitFor("flag back off", async () => ((await percentage(r.flag.parameterName))?.enabled === false ? (await control.clock()).nowMs : null), 120_000, 25);
      await waitTerminal(r.d.id);
      return (back - faultSim) / 1000;
    }),
  );
  const sorted = [...results].sort((a, b) => a - b);
  ctx.log(`fault → flag back at its last good state, 10 rollouts, ${opts.periodS} s metric period, sandbox clock ×${opts.scale}:`);
  ctx.log(`  simulated: median ${sorted[4]!.toFixed(1)} s, max ${sorted[9]!.toFixed(1)} s   (target ≤ ${2 * opts.periodS + 5} s = 2 periods + 5 s)`);
}
