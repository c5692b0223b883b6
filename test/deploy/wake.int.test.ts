// The worker fetches a tick when it falls due, not on its next poll: with the fallback poll and the
// sweeper set to a minute, a deploy started from the web app (NOTIFY) and then driven by the ticks
// the worker schedules for itself (its own wake-ups) must still run every step on time.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startDeployment } from "@/lib/server/start-deployment";
import { agreement, deployTarget, startDeployRig, waitTerminal, type DeployRig } from "@/test/deploy-support";

let rig: DeployRig;
let sandbox: DeployRig["sandbox"];
let aws: DeployRig["aws"];
const ticks: { deploymentId: string; lateMs: number; at: number }[] = [];

beforeAll(async () => {
  rig = await startDeployRig(5, {
    pollMs: 60_000,
    sweepMs: 60_000,
    onTick: (t) => ticks.push({ deploymentId: t.deploymentId, lateMs: t.lateMs, at: Date.now() }),
  });
  ({ sandbox, aws } = rig);
});
afterAll(() => rig?.stop());

it("a kicked deploy starts at once and every later tick runs when due, without waiting for a poll", async () => {
  const t = await deployTarget(sandbox.control);
  const startedAt = Date.now();
  const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda });
  const end = await waitTerminal(d.id, 50_000);
  expect(end.state).toBe("SUCCEEDED");
  expect(await agreement(sandbox.control, d.id)).toMatchObject({ aliasOk: true, crOk: true, lockReleased: true });

  const mine = ticks.filter((x) => x.deploymentId === d.id);
  // Canary10Percent5Minutes at 120×: 2.5 s of canary, 1 s of validation, a tick per 0.5 s period.
  expect(mine.length).toBeGreaterThan(4);
  // The first tick came from the NOTIFY, not from a poll a minute away.
  expect(mine[0]!.at - startedAt).toBeLessThan(10_000);
  // Each tick started soon after it was due (generous: the machine is shared); a poll would be 60 s.
  expect(Math.max(...mine.map((x) => x.lateMs))).toBeLessThan(5_000);
});
