// Alarm evaluation on the edge datapoints CloudWatch's documentation works through: exactly at the
// threshold, missing data under each treatment, fewer datapoints than evaluation periods.
import { describe, expect, it } from "vitest";
import { evaluateAlarm, type AlarmRule, type ComparisonOperator, type TreatMissingData } from "./alarm-eval";

const T0 = Date.UTC(2025, 2, 5, 14, 0);
/** "0 - X - X" → the range, oldest first; X = 10 (breaching), 0 = 0, - = missing; threshold 5. */
const range = (s: string) => s.split(" ").map((c, i) => ({ at: T0 + i * 60_000, value: c === "-" ? null : c === "X" ? 10 : Number(c) }));
const rule = (over: Partial<AlarmRule> = {}): AlarmRule => ({
  threshold: 5,
  comparisonOperator: "GreaterThanThreshold",
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  treatMissingData: "missing",
  ...over,
});

describe("comparison at the threshold", () => {
  const cases: [ComparisonOperator, number, "OK" | "ALARM"][] = [
    ["GreaterThanThreshold", 5, "OK"],
    ["GreaterThanOrEqualToThreshold", 5, "ALARM"],
    ["LessThanThreshold", 5, "OK"],
    ["LessThanOrEqualToThreshold", 5, "ALARM"],
    ["GreaterThanThreshold", 5.0001, "ALARM"],
    ["LessThanThreshold", 4.9999, "ALARM"],
  ];
  it.each(cases)("%s with every datapoint at %d → %s", (op, v, state) => {
    const r = rule({ comparisonOperator: op, evaluationPeriods: 2, datapointsToAlarm: 2 });
    expect(evaluateAlarm(r, range(`${v} ${v} ${v} ${v}`), "OK").state).toBe(state);
  });
});

describe("AWS's 3-out-of-3 table (evaluation range of 5)", () => {
  const rows: [string, Record<TreatMissingData, "OK" | "ALARM" | "INSUFFICIENT_DATA" | "keep">][] = [
    ["0 - X - X", { missing: "OK", ignore: "OK", breaching: "OK", notBreaching: "OK" }],
    ["- - - - 0", { missing: "OK", ignore: "OK", breaching: "OK", notBreaching: "OK" }],
    ["- - - - -", { missing: "INSUFFICIENT_DATA", ignore: "keep", breaching: "ALARM", notBreaching: "OK" }],
    ["0 X X - X", { missing: "ALARM", ignore: "ALARM", breaching: "ALARM", notBreaching: "ALARM" }],
    ["- - X - -", { missing: "ALARM", ignore: "ALARM", breaching: "ALARM", notBreaching: "OK" }],
  ];
  for (const [points, expected] of rows) {
    for (const [treat, state] of Object.entries(expected) as [TreatMissingData, string][]) {
      it(`${points} treated as ${treat} → ${state}`, () => {
        for (const current of ["OK", "ALARM"] as const) {
          const v = evaluateAlarm(rule({ treatMissingData: treat }), range(points), current);
          expect(v.state).toBe(state === "keep" ? current : state);
        }
      });
    }
  }
});

describe("fewer datapoints than periods", () => {
  it("a single fresh breaching datapoint is not yet an alarm for 2 of 2 (missing)", () => {
    const r = rule({ evaluationPeriods: 2, datapointsToAlarm: 2 });
    expect(evaluateAlarm(r, range("- - - X"), "INSUFFICIENT_DATA").state).toBe("OK");
  });
  it("the same datapoint with missing treated as breaching fills the shortfall and alarms, saying so", () => {
    const v = evaluateAlarm(rule({ evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: "breaching" }), range("- - - X"), "OK");
    expect(v.state).toBe("ALARM");
    expect(v.reason).toContain("1 missing datapoint was treated as [Breaching]");
  });
  it("M of N: 2 of 3 breaching alarms a 2-of-3 alarm, not a 3-of-3 one", () => {
    expect(evaluateAlarm(rule({ datapointsToAlarm: 2 }), range("0 0 X 0 X"), "OK").state).toBe("ALARM");
    expect(evaluateAlarm(rule(), range("0 0 X 0 X"), "OK").state).toBe("OK");
  });
  it("older real datapoints fill a gap before any treatment applies", () => {
    // The last three periods are "X - X" but the three newest datapoints are 0, X, X.
    expect(evaluateAlarm(rule({ treatMissingData: "breaching" }), range("0 - X - X"), "OK").state).toBe("OK");
  });
});

describe("reasons in CloudWatch's words", () => {
  it("names the datapoints newest first, the threshold and the transition", () => {
    const v = evaluateAlarm(rule({ evaluationPeriods: 2, datapointsToAlarm: 2 }), range("0 0 12 7"), "OK");
    expect(v).toEqual({
      state: "ALARM",
      reason: "Threshold Crossed: 2 out of the last 2 datapoints [7.0 (05/03/25 14:03:00), 12.0 (05/03/25 14:02:00)] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).",
    });
  });
  it("all missing under 'missing' is insufficient data", () => {
    expect(evaluateAlarm(rule({ evaluationPeriods: 2 }), range("- - - -"), "OK").reason).toBe("Insufficient Data: 2 datapoints were unknown.");
  });
});
