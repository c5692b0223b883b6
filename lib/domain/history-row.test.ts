import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { durationSeconds, formatDuration, formatLocal, historyCsvRecord, localFormatter, outcomeLabel, type HistoryRow } from "./history-row";

const row: HistoryRow = {
  id: "d1",
  kind: "DEPLOY",
  serviceId: "s1",
  serviceName: "checkout",
  teamName: "Payments",
  crId: "c1",
  crNumber: "CR-2024-001",
  risk: "HIGH",
  requesterName: "Ada",
  approvers: ["Bo", "Cy"],
  strategy: "Canary10Percent5Minutes",
  fromVersion: "4",
  toVersion: "5",
  startedAt: new Date("2024-03-30T23:55:00Z"),
  finishedAt: new Date("2024-03-31T00:07:30Z"),
  outcome: "ROLLED_BACK",
  rollbackKind: "AUTOMATIC",
  reason: "Error rate 0.4 % above 0.1 %",
  commitSha: "abc1234",
  commitTime: new Date("2024-03-30T20:00:00Z"),
  issueDetectedAt: new Date("2024-03-31T00:03:00Z"),
  rolledBackAt: new Date("2024-03-31T00:07:30Z"),
  hotfixOf: null,
  hotfixedBy: ["CR-2024-009", "CR-2024-011"],
};

describe("history rows", () => {
  it("name the outcome and how it was rolled back", () => {
    expect(outcomeLabel(row)).toBe("Rolled back automatically");
    expect(outcomeLabel({ ...row, rollbackKind: "MANUAL" })).toBe("Rolled back manually");
    expect(outcomeLabel({ ...row, outcome: null })).toBe("Running");
    expect(outcomeLabel({ ...row, kind: "ROLLBACK", outcome: "SUCCEEDED" })).toBe("Rollback operation: Succeeded");
  });

  it("measure durations across midnight and leave running ones empty", () => {
    expect(durationSeconds(row)).toBe(750);
    expect(formatDuration(750)).toBe("12 min 30 s");
    expect(durationSeconds({ ...row, finishedAt: null })).toBeNull();
    expect(formatDuration(null)).toBe("—");
  });

  it("write CSV records with local times in the organisation's zone (DST night in Berlin)", () => {
    const rec = historyCsvRecord(row, "Europe/Berlin");
    expect(rec[10]).toBe("2024-03-31 00:55");
    expect(rec[11]).toBe("2024-03-31 01:07");
    expect(rec[6]).toBe("Bo; Cy");
    expect(rec[15]).toBe("Rolled back automatically");
  });

  it("carry every metric input in UTC ISO-8601: kind, commit, detection, rollback completion, hotfix links", () => {
    const rec = historyCsvRecord(row, "Europe/Berlin");
    expect(rec.slice(17)).toEqual([
      "Deployment",
      "abc1234",
      "2024-03-30T20:00:00.000Z",
      "2024-03-31T00:03:00.000Z",
      "2024-03-31T00:07:30.000Z",
      null,
      "CR-2024-009; CR-2024-011",
    ]);
    expect(historyCsvRecord({ ...row, kind: "ROLLBACK", commitTime: null, hotfixedBy: [] }, "UTC").slice(17, 20)).toEqual(["Rollback operation", "abc1234", null]);
  });
});

describe("localFormatter", () => {
  it("formats exactly like formatLocal, across clock changes and in zones with odd offsets", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"),
        // Around the 2024 clock changes, in time order as the export reads them, and shuffled.
        fc.array(fc.integer({ min: Date.UTC(2024, 2, 29), max: Date.UTC(2024, 3, 8) }), { maxLength: 200 }),
        (zone, times) => {
          const local = localFormatter(zone);
          for (const t of [...times].sort((a, b) => a - b).concat(times)) {
            expect(local(new Date(t))).toBe(formatLocal(new Date(t), zone));
          }
          expect(local(null)).toBe("");
        },
      ),
    );
  });
});
