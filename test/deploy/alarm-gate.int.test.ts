// A service's CloudWatch alarms gate its deployments, read through the real SDK from the sandbox,
// which evaluates them from its own metrics: an alarm going to ALARM mid-canary rolls the deployment
// back with the alarm's name, reason and state-change time; an alarm name CloudWatch does not know
// fails it before any traffic moves (CodeDeploy's default); quiet alarms let it finish.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { putMetricAlarm } from "@/lib/sandbox/alarm-store";
import { startDeployment } from "@/lib/server/start-deployment";
import { agreement, deployTarget, startDeployRig, waitFor, waitTerminal, type DeployRig } from "@/test/deploy-support";

let rig: DeployRig;
let sandbox: DeployRig["sandbox"];
let aws: DeployRig["aws"];

beforeAll(async () => {
  rig = await startDeployRig(11);
  ({ sandbox, aws } = rig);
});
afterAll(() => rig?.stop());

/** The seed's ErrorRateAlarm on this function: Sum of Errors > 5 per minute, 2 minutes of 2. */
function errorRateAlarm(fn: string): string {
  const name = `${fn}-ErrorRateAlarm`;
  putMetricAlarm(sandbox.store, {
    AlarmName: name, Namespace: "AWS/Lambda", MetricName: "Errors", Statistic: "Sum", Period: 60, EvaluationPeriods: 2,
    Threshold: 5, ComparisonOperator: "GreaterThanThreshold", Dimensions: [{ Name: "FunctionName", Value: fn }],
  }, "us-east-1");
  return name;
}

async function target(alarmNames: (fn: string) => string[], strategy = "Canary10Percent30Minutes") {
  const t = await deployTarget(sandbox.control, { strategy });
  await db.service.update({ where: { id: t.service.id }, data: { alarmNames: alarmNames(t.name) } });
  return t;
}
const start = (t: Awaited<ReturnType<typeof deployTarget>>) => startDeployment(t.requester, t.cr.id, { lambda: aws.lambda });

describe("CloudWatch alarms as deployment gates", () => {
  it("an alarm going to ALARM during the canary rolls back, recording the alarm's name, reason and since when", async () => {
    let alarm = "";
    const t = await target((fn) => [(alarm = errorRateAlarm(fn))]);
    const d = await start(t);
    await waitFor("the canary weight", async () => (await db.deployment.findUniqueOrThrow({ where: { id: d.id } })).currentWeight === 0.1);
    // Errors the metric gates do not watch (they judge the canary, version 3) but the alarm does:
    // it watches the whole function, as the seed's alarm does.
    await sandbox.control.injectFault(t.name, "2", { errorRate: 0.2 });
    const end = await waitTerminal(d.id);
    expect(end).toMatchObject({ state: "ROLLED_BACK", rollbackKind: "AUTOMATIC" });
    const [status] = (await aws.alarms.describeAlarms([alarm])).alarms;
    expect(status!.state).toBe("ALARM");
    const since = status!.stateUpdatedAt.toISOString().slice(11, 19);
    expect(end.reason).toBe(`Alarm ${alarm} in ALARM since ${since} UTC: ${status!.reason}`);
    expect(end.reason).toMatch(/Threshold Crossed: 2 out of the last 2 datapoints \[.*\] were greater than the threshold \(5\.0\)/);
    const event = await db.deploymentEvent.findFirstOrThrow({ where: { deploymentId: d.id, kind: "ALARM_BREACHED" } });
    expect(event.data).toMatchObject({ alarm, state: "ALARM", reason: status!.reason, stateUpdatedAt: status!.stateUpdatedAt.toISOString() });
    expect(await db.deploymentEvent.count({ where: { deploymentId: d.id, kind: "GATE_BREACHED" } })).toBe(0);
    expect(await agreement(sandbox.control, d.id)).toMatchObject({ aliasOk: true, crOk: true, lockReleased: true });
  });

  it("an alarm name CloudWatch does not know fails the deployment before traffic moves, naming it", async () => {
    const t = await target(() => ["no-such-alarm"]);
    const d = await start(t);
    const end = await waitTerminal(d.id);
    expect(end.state).toBe("FAILED");
    expect(end.reason).toMatch(/^Alarm no-such-alarm does not exist in CloudWatch/);
    expect(await db.deploymentEvent.count({ where: { deploymentId: d.id, kind: "SHIFTED" } })).toBe(0);
    expect(await agreement(sandbox.control, d.id)).toMatchObject({ aliasOk: true, crOk: true });
  });

  it("alarms that stay OK let the deployment finish, read at every step", async () => {
    const t = await target((fn) => [errorRateAlarm(fn)], "Canary10Percent5Minutes");
    await sandbox.control.clearCalls();
    const d = await start(t);
    expect((await waitTerminal(d.id)).state).toBe("SUCCEEDED");
    expect((await sandbox.control.calls({ operation: "DescribeAlarms" })).length).toBeGreaterThan(3);
  });
});
