// The worker fetches a tick when it falls due, not on its next poll: with the fallback poll and the
// sweeper set to ten minutes, a deploy started from the web app (NOTIFY) and then driven by the ticks
// the worker schedules for itself (its own wake-ups) must still run every step on time. The bounds
// are fractions of the poll, not guesses at how fast this machine is: a wake-up that failed would
// leave the deploy waiting for a poll minutes away, however loaded the machine.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BOSS_SCHEMA, TICK_QUEUE } from "@/lib/deploy/queue";
import { startDeployment } from "@/lib/server/start-deployment";
import { agreement, deployTarget, startDeployRig, waitTerminal, type DeployRig } from "@/test/deploy-support";

/** The fallback poll and the sweeper: far longer than any tick may be late. */
const POLL_MS = 600_000;
let rig: DeployRig;
let sandbox: DeployRig["sandbox"];
let aws: DeployRig["aws"];
const ticks: { deploymentId: string; lateMs: number; at: number }[] = [];

beforeAll(async () => {
  rig = await startDeployRig(5, {
    // 30×: a 2 s metric period, so a tick that is a little late on a loaded machine is still its own tick.
    timeScale: 30,
    pollMs: POLL_MS,
    sweepMs: POLL_MS,
    onTick: (t) => ticks.push({ deploymentId: t.deploymentId, lateMs: t.lateMs, at: Date.now() }),
  });
  ({ sandbox, aws } = rig);
});
afterAll(() => rig?.stop());

it("a kicked deploy starts at once and every later tick runs when due, without waiting for a poll", async () => {
  const t = await deployTarget(sandbox.control);
  const startedAt = Date.now();
  const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda });
  // Inside the test's own time limit, so that a stalled chain says where it stopped.
  const end = await waitTerminal(d.id, 40_000).catch(async (e: unknown) => {
    const row = await db.deployment.findUniqueOrThrow({ where: { id: d.id }, select: { state: true, currentStep: true, currentWeight: true, stepStartedAt: true, nextStepAt: true, trafficFrom: true } });
    const jobs = await db.$queryRawUnsafe(`SELECT state, start_after, created_on, completed_on FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 ORDER BY created_on DESC LIMIT 5`, TICK_QUEUE, d.id);
    console.error("stalled deployment", { row, sandboxNow: await sandbox.control.now(), lastTicks: ticks.filter((x) => x.deploymentId === d.id).slice(-5), jobs });
    throw e;
  });
  expect(end.state).toBe("SUCCEEDED");
  expect(await agreement(sandbox.control, d.id)).toMatchObject({ aliasOk: true, crOk: true, lockReleased: true });

  const mine = ticks.filter((x) => x.deploymentId === d.id);
  // Canary10Percent5Minutes at 30×: 10 s of canary, 4 s of validation, a tick per 2 s period.
  expect(mine.length).toBeGreaterThan(4);
  // The first tick came from the NOTIFY, not from a poll ten minutes away.
  expect(mine[0]!.at - startedAt).toBeLessThan(POLL_MS / 10);
  // Each tick started soon after it was due, not on a poll.
  expect(Math.max(...mine.map((x) => x.lateMs))).toBeLessThan(POLL_MS / 10);
});
