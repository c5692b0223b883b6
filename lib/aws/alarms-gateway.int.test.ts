// CloudWatch alarms through the real SDK client against the sandbox: PutMetricAlarm, DescribeAlarms
// (names, StateValue), DeleteAlarms, and an alarm evaluated from the sandbox's own metrics on its
// frozen clock — a fault on the live version drives it to ALARM with CloudWatch's reason and the
// minute it changed.
import { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmsCommand, PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { createCloudWatchClient } from "./clients";
import { createAwsGateways, isAwsGatewayError, type AwsGateways } from "./index";

const T0 = new Date("2025-03-05T14:00:00Z");
let sandbox: SandboxHandle;
let aws: AwsGateways;
let cw: CloudWatchClient;

const errorsAlarm = (name: string, over: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput => ({
  AlarmName: name,
  MetricName: "Errors",
  Namespace: "AWS/Lambda",
  Statistic: "Sum",
  Period: 60,
  EvaluationPeriods: 2,
  Threshold: 5,
  ComparisonOperator: "GreaterThanThreshold",
  Dimensions: [{ Name: "FunctionName", Value: "orders" }],
  ...over,
});

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0, seed: 3, startTime: T0 });
  aws = createAwsGateways({ endpoint: sandbox.url, maxAttempts: 2, retryBaseDelayMs: 1, retryMaxDelayMs: 2 });
  cw = createCloudWatchClient({ endpoint: sandbox.url, maxAttempts: 1 });
  await sandbox.control.createFunction({ name: "orders", versions: 2, alias: "live", aliasVersion: "2", requestRate: 20 });
});
afterAll(async () => {
  aws.destroy();
  cw.destroy();
  await sandbox.close();
});

describe("CloudWatch alarms in the sandbox, with the real SDK", () => {
  it("a new alarm is INSUFFICIENT_DATA until evaluated, then OK on healthy traffic", async () => {
    await cw.send(new PutMetricAlarmCommand(errorsAlarm("orders-ErrorRate")));
    const fresh = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["orders-ErrorRate"] }));
    expect(fresh.MetricAlarms?.[0]).toMatchObject({ StateValue: "INSUFFICIENT_DATA", StateReason: "Unchecked: Initial alarm creation", Threshold: 5, DatapointsToAlarm: 2 });
    await sandbox.control.advance(180);
    const { alarms, missing } = await aws.alarms.describeAlarms(["orders-ErrorRate", "no-such-alarm"]);
    expect(missing).toEqual(["no-such-alarm"]);
    expect(alarms[0]).toMatchObject({ name: "orders-ErrorRate", state: "OK", describe: "AWS/Lambda Errors Sum > 5 for 2 of 2 × 60 s" });
    // Evaluated at 14:01, the first minute boundary after creation: one datapoint (the function is
    // new), no breach; the reason stays the transition's, as CloudWatch keeps it.
    expect(alarms[0]!.reason).toBe("Threshold Crossed: 1 datapoint [0.0 (05/03/25 14:00:00)] was not greater than the threshold (5.0).");
    expect(alarms[0]!.stateUpdatedAt).toEqual(new Date("2025-03-05T14:01:00Z"));
  });

  it("an injected error rate takes it to ALARM after two breaching minutes, with the reason and the minute it changed", async () => {
    const faultAt = await sandbox.control.now();
    await sandbox.control.injectFault("orders", "2", { errorRate: 0.2 });
    await sandbox.control.advance(60);
    expect((await aws.alarms.describeAlarms(["orders-ErrorRate"])).alarms[0]!.state).toBe("OK");
    await sandbox.control.advance(240);
    const [alarm] = (await aws.alarms.describeAlarms(["orders-ErrorRate"])).alarms;
    expect(alarm!.state).toBe("ALARM");
    expect(alarm!.reason).toMatch(/^Threshold Crossed: 2 out of the last 2 datapoints \[\d+\.0 \(05\/03\/25 14:04:00\), \d+\.0 \(05\/03\/25 14:03:00\)\] were greater than the threshold \(5\.0\) \(minimum 2 datapoints for OK -> ALARM transition\)\.$/);
    // Faulty minutes 14:03 and 14:04 complete at 14:05: the evaluation then is the change.
    expect(faultAt).toEqual(new Date("2025-03-05T14:03:00Z"));
    expect(alarm!.stateUpdatedAt).toEqual(new Date("2025-03-05T14:05:00Z"));
    // Reading again does not move the state-change time.
    await sandbox.control.advance(60);
    expect((await aws.alarms.describeAlarms(["orders-ErrorRate"])).alarms[0]!.stateUpdatedAt).toEqual(alarm!.stateUpdatedAt);
    const byState = await cw.send(new DescribeAlarmsCommand({ StateValue: "ALARM" }));
    expect(byState.MetricAlarms?.map((a) => a.AlarmName)).toEqual(["orders-ErrorRate"]);
  });

  it("refuses what CloudWatch refuses, naming the field; DeleteAlarms deletes nothing when a name is wrong", async () => {
    await expect(cw.send(new PutMetricAlarmCommand(errorsAlarm("bad", { DatapointsToAlarm: 3 })))).rejects.toThrow(/DatapointsToAlarm must be between 1 and EvaluationPeriods/);
    await expect(cw.send(new PutMetricAlarmCommand(errorsAlarm("bad", { ComparisonOperator: "GreaterThanUpperThreshold" })))).rejects.toThrow(/ComparisonOperator/);
    await expect(cw.send(new PutMetricAlarmCommand(errorsAlarm("x".repeat(256))))).rejects.toThrow(/AlarmName must be at most 255/);
    await expect(cw.send(new DeleteAlarmsCommand({ AlarmNames: ["orders-ErrorRate", "nope"] }))).rejects.toThrow(/nope could not be found/);
    expect((await aws.alarms.describeAlarms(["orders-ErrorRate"])).alarms).toHaveLength(1);
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ["orders-ErrorRate"] }));
    expect((await aws.alarms.describeAlarms(["orders-ErrorRate"])).missing).toEqual(["orders-ErrorRate"]);
  });

  it("a CloudWatch outage is an UPSTREAM gateway error naming the alarms", async () => {
    await sandbox.control.injectControlFault({ operation: "DescribeAlarms", kind: "SERVER_ERROR", count: 5 });
    const err = await aws.alarms.describeAlarms(["a1", "a2"]).catch((e: unknown) => e);
    expect(isAwsGatewayError(err, "UPSTREAM")).toBe(true);
    expect((err as Error).message).toMatch(/AWS failed DescribeAlarms on alarms a1, a2 after 2 attempts/);
    await sandbox.control.clearControlFaults();
  });
});
