import { describe, expect, it } from "vitest";
import { judgeAlarms, parseAlarmNames, type AlarmReading } from "./alarm-gate";

const at = new Date("2025-03-05T14:02:00Z");
const alarm = (name: string, state: AlarmReading["state"], reason = "Threshold Crossed: 2 out of the last 2 datapoints …"): AlarmReading => ({ name, state, reason, stateUpdatedAt: at });

describe("alarms as a deployment gate", () => {
  it("no alarms listed, or all OK / INSUFFICIENT_DATA: go on", () => {
    expect(judgeAlarms([], { alarms: [], missing: [] })).toEqual({ stop: false });
    expect(judgeAlarms(["a", "b"], { alarms: [alarm("a", "OK"), alarm("b", "INSUFFICIENT_DATA")], missing: [] })).toEqual({ stop: false });
  });
  it("an alarm in ALARM stops it, named with its reason and since when", () => {
    const v = judgeAlarms(["a", "ErrorRateAlarm"], { alarms: [alarm("a", "OK"), alarm("ErrorRateAlarm", "ALARM")], missing: [] });
    expect(v).toMatchObject({ stop: true, kind: "ALARM", message: "Alarm ErrorRateAlarm in ALARM since 14:02:00 UTC: Threshold Crossed: 2 out of the last 2 datapoints …" });
  });
  it("an alarm CloudWatch does not know stops it (CodeDeploy's default), naming it", () => {
    const v = judgeAlarms(["a", "typo"], { alarms: [alarm("a", "OK")], missing: ["typo"] });
    expect(v).toMatchObject({ stop: true, kind: "UNREADABLE", missing: ["typo"] });
    expect(v.stop && v.message).toMatch(/^Alarm typo does not exist in CloudWatch/);
  });
  it("an alarm in ALARM wins over a missing one: it is the better reason", () => {
    expect(judgeAlarms(["typo", "a"], { alarms: [alarm("a", "ALARM")], missing: ["typo"] })).toMatchObject({ kind: "ALARM" });
  });
});

describe("the Alarms (gates) field", () => {
  it("one per line, blanks and duplicates dropped", () => {
    expect(parseAlarmNames(" ErrorRateAlarm \n\nAutoRollback-HighErrors\r\nErrorRateAlarm\n")).toEqual({ names: ["ErrorRateAlarm", "AutoRollback-HighErrors"] });
    expect(parseAlarmNames("")).toEqual({ names: [] });
  });
  it("refuses more than 10, names over 255 characters and control characters", () => {
    expect(parseAlarmNames(Array.from({ length: 11 }, (_, i) => `a${i}`).join("\n"))).toEqual({ error: "At most 10 alarms, as CodeDeploy allows (got 11)." });
    expect(parseAlarmNames("x".repeat(256))).toMatchObject({ error: expect.stringMatching(/longer than CloudWatch's 255/) });
    expect(parseAlarmNames("x".repeat(255))).toEqual({ names: ["x".repeat(255)] });
    expect(parseAlarmNames("bad\tname")).toMatchObject({ error: expect.stringMatching(/printable ASCII/) });
  });
});
