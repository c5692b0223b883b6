import { describe, expect, it } from "vitest";
import { durationSeconds, formatDuration, historyCsvRecord, outcomeLabel, type HistoryRow } from "./history-row";

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
});
