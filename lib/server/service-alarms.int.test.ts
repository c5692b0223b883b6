// Registering a service's CloudWatch alarm gates through saveService, and reading their state for
// the registry page, against this file's sandbox: names one per line, at most 10 (CodeDeploy), each
// ≤ 255 characters (CloudWatch); a refusal names the field and writes nothing; left out keeps them.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import { refusal, seedActor } from "@/test/actors";
import { saveService } from "./manage-services";
import { alarmStatesFor } from "./service-alarms";

let admin: Actor;
const url = () => process.env.CHANGEGATE_SANDBOX_URL!;

/** PutMetricAlarm on the wire (CloudWatch's JSON protocol), as a team's template would have made it. */
async function putAlarm(name: string, fn: string) {
  const res = await fetch(url(), {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "GraniteServiceVersion20100801.PutMetricAlarm" },
    body: JSON.stringify({ AlarmName: name, Namespace: "AWS/Lambda", MetricName: "Errors", Statistic: "Sum", Period: 60, EvaluationPeriods: 2, Threshold: 5, ComparisonOperator: "GreaterThanThreshold", Dimensions: [{ Name: "FunctionName", Value: fn }] }),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  admin = await seedActor(["ADMIN"]);
  await new SandboxControlClient(url()).createFunction({ name: "ledger", versions: 2, alias: "production", aliasVersion: "2", requestRate: 10 });
  await putAlarm("ledger-ErrorRateAlarm", "ledger");
});

const form = (over: Record<string, unknown> = {}) => ({ name: "ledger", team: "Payments", awsRegion: "us-east-1", functionName: "ledger", alias: "production", ...over });

describe("alarm gates on a service", () => {
  it("saves the names one per line (trimmed, blanks and repeats dropped), keeps them when left out, clears them when blank; shows their state", async () => {
    const s = await saveService(admin, form({ alarmNames: " ledger-ErrorRateAlarm \n\nledger-Typo\nledger-ErrorRateAlarm\n" }));
    expect(s.alarmNames).toEqual(["ledger-ErrorRateAlarm", "ledger-Typo"]);
    const kept = await saveService(admin, form({ id: s.id, team: "Ledger" }));
    expect(kept.alarmNames).toEqual(["ledger-ErrorRateAlarm", "ledger-Typo"]);

    const { byService, error } = await alarmStatesFor([kept]);
    expect(error).toBeNull();
    expect(byService[s.id]).toEqual([
      expect.objectContaining({ name: "ledger-ErrorRateAlarm", state: "INSUFFICIENT_DATA", describe: "AWS/Lambda Errors Sum > 5 for 2 of 2 × 60 s" }),
      expect.objectContaining({ name: "ledger-Typo", state: "MISSING", since: null }),
    ]);

    expect((await saveService(admin, form({ id: s.id, alarmNames: "" }))).alarmNames).toEqual([]);
  });

  it("refuses more than 10 alarms or a name over 255 characters, naming the field, writing nothing", async () => {
    const before = await db.service.count();
    const eleven = Array.from({ length: 11 }, (_, i) => `alarm-${i}`).join("\n");
    expect(await refusal(saveService(admin, form({ name: "ledger-2", alarmNames: eleven })))).toMatchObject({
      code: "VALIDATION",
      fields: { alarmNames: "At most 10 alarms, as CodeDeploy allows (got 11)." },
    });
    expect(await refusal(saveService(admin, form({ name: "ledger-2", alarmNames: "x".repeat(256) })))).toMatchObject({
      fields: { alarmNames: expect.stringMatching(/longer than CloudWatch's 255 characters/) },
    });
    expect(await db.service.count()).toBe(before);
  });

  it("a list works too (API callers, template import)", async () => {
    const id = (await db.service.findFirstOrThrow({ where: { name: "ledger" } })).id;
    expect((await saveService(admin, form({ id, alarmNames: ["ledger-ErrorRateAlarm"] }))).alarmNames).toEqual(["ledger-ErrorRateAlarm"]);
  });
});
